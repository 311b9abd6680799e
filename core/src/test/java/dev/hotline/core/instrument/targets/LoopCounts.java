package dev.hotline.core.instrument.targets;

import java.util.function.IntUnaryOperator;

/**
 * Validation target for lines in loops, which {@code linehits=} counts in locals and adds to the
 * thread's counters when the invocation ends: the expected hits of each line per construction and
 * run() are written beside it ({@code // hits: N}, summed over every method with code on that line).
 * Loops left by return, by an exception out of the method and by one caught inside it; exceptions in
 * the middle of lines that always run together (an array store, a division); constructors and a
 * static initializer with loops.
 */
public class LoopCounts implements Runnable {

    private static final int[] TABLE = new int[4];            // hits: 1
    private final int[] squares;

    static {
        for (int i = 0; i < TABLE.length; i++) {              // hits: 5
            TABLE[i] = i * 3;                                 // hits: 4
        }
    }                                                         // hits: 1

    public LoopCounts() {
        this(3);                                              // hits: 1
    }                                                         // hits: 1

    LoopCounts(int n) {
        super();                                              // hits: 1
        squares = new int[n];                                 // hits: 1
        for (int i = 0; i < n; i++) {                         // hits: 4
            squares[i] = i * i;                               // hits: 3
        }
    }                                                         // hits: 1

    LoopCounts(String fails) {
        super();                                              // hits: 1
        int[] cells = new int[2];                             // hits: 1
        int i = 0;                                            // hits: 1
        while (true) {
            int next = i + 1;                                 // hits: 3
            cells[i] = next;                                  // hits: 3 (the third throws)
            i = next;                                         // hits: 2
        }                                                     // hits: 2 (the jump back)
    }

    @Override
    public void run() {
        int sum = 0;                                          // hits: 1
        sum += whileLoop(5);                                  // hits: 1
        sum += doWhile(4);                                    // hits: 1
        sum += firstAbove(new int[] {1, 5, 9, 2}, 4);         // hits: 1
        sum += firstAbove(new int[] {1, 2}, 4);               // hits: 1
        sum += nested(3);                                     // hits: 1
        try {
            throwsFromLoop(6);                                // hits: 1
        } catch (IllegalStateException e) {                  // hits: 1
            sum++;                                            // hits: 1
        }
        sum += storesUntilFull(3);                            // hits: 1
        sum += dividesUntilZero(3);                           // hits: 1
        sum += catchesInLoop(4);                              // hits: 1
        sum += withFinally(3);                                // hits: 1
        sum += locked(3);                                     // hits: 1
        sum += switches(5);                                   // hits: 1
        sum += lambdaLoop();                                  // hits: 1
        try {
            new LoopCounts("fails");                          // hits: 1
        } catch (ArrayIndexOutOfBoundsException e) {          // hits: 1
            sum += squares[2];                                // hits: 1
        }
        if (sum == 0) {                                       // hits: 1
            throw new AssertionError();                       // hits: 0
        }
    }                                                         // hits: 1

    static int whileLoop(int n) {
        double re = 0.5;                                      // hits: 1
        int i = 0;                                            // hits: 1
        while (Math.abs(re) < 100 && i < n) {                 // hits: 6
            double next = re * re + 1;                        // hits: 5
            re = next;                                        // hits: 5
            i++;                                              // hits: 5
        }                                                     // hits: 5
        return i;                                             // hits: 1
    }

    static int doWhile(int n) {
        int i = 0;                                            // hits: 1
        do {
            i += 2;                                           // hits: 4
        } while (i < 2 * n);                                  // hits: 4
        return i;                                             // hits: 1
    }

    /** Left by the return inside the loop, or by the loop's end. */
    static int firstAbove(int[] values, int limit) {
        for (int value : values) {                            // hits: 5 (init, then an update per element passed)
            if (value > limit) {                              // hits: 4
                return value;                                 // hits: 1
            }
        }                                                     // hits: 0
        return -1;                                            // hits: 1
    }

    static int nested(int n) {
        int count = 0;                                        // hits: 1
        outer:
        for (int i = 0; i < n; i++) {                         // hits: 3 (init, 2 updates: the break skips the third)
            for (int j = 0; j < n; j++) {                     // hits: 10 (3 inits, 7 updates)
                count++;                                      // hits: 8
                if (i == 2 && j == 1) {                       // hits: 8
                    break outer;                              // hits: 1
                }
            }
        }
        return count;                                         // hits: 1
    }

    /** The method's exit is a throw: its loop lines must still count. */
    static void throwsFromLoop(int n) {
        for (int i = 0; i < n; i++) {                         // hits: 4 (init and 3 updates)
            if (i == 3) {                                     // hits: 4
                throw new IllegalStateException("i=" + i);    // hits: 1
            }
        }
    }

    /** The store of the third iteration throws, in the middle of lines that otherwise always run together. */
    static int storesUntilFull(int n) {
        int[] cells = new int[n - 1];                         // hits: 1
        int i = 0;                                            // hits: 1
        try {
            while (true) {
                int v = i * 2;                                // hits: 3
                cells[i] = v;                                 // hits: 3 (the third throws)
                i++;                                          // hits: 2
            }                                                 // hits: 2 (the jump back)
        } catch (ArrayIndexOutOfBoundsException e) {          // hits: 1
            return i;                                         // hits: 1
        }
    }

    /** The division of the fourth iteration throws ArithmeticException. */
    static int dividesUntilZero(int n) {
        int total = 0;                                        // hits: 1
        try {
            for (int d = n; ; d--) {                          // hits: 4 (init and 3 updates)
                int q = 12 / d;                               // hits: 4 (the fourth throws)
                total += q;                                   // hits: 3
            }
        } catch (ArithmeticException e) {                     // hits: 1
            return total;                                     // hits: 1
        }
    }

    static int catchesInLoop(int n) {
        int caught = 0;                                       // hits: 1
        for (int i = 0; i < n; i++) {                         // hits: 5
            try {
                check(i);                                     // hits: 4
                caught += 10;                                 // hits: 2
            } catch (IllegalArgumentException e) {            // hits: 2
                caught++;                                     // hits: 2
            }                                                 // hits: 2 (the jump over the handler)
        }
        return caught;                                        // hits: 1
    }

    static void check(int i) {
        if (i % 2 == 1) {                                     // hits: 4
            throw new IllegalArgumentException();             // hits: 2
        }
    }                                                         // hits: 2

    static int withFinally(int n) {
        int total = 0;                                        // hits: 1
        for (int i = 0; i < n; i++) {                         // hits: 4
            try {
                total += i;                                   // hits: 3
            } finally {
                total++;                                      // hits: 3
            }                                                 // hits: 3 (the jump after the finally code)
        }
        return total;                                         // hits: 1
    }

    /** javac guards a synchronized block with a handler that covers itself: a backward exception edge. */
    static int locked(int n) {
        int total = 0;                                        // hits: 1
        Object lock = new Object();                           // hits: 1
        for (int i = 0; i < n; i++) {                         // hits: 4
            synchronized (lock) {                             // hits: 3
                total += i;                                   // hits: 3
            }                                                 // hits: 3
        }
        return total;                                         // hits: 1
    }

    static int switches(int n) {
        int total = 0;                                        // hits: 1
        for (int i = 0; i < n; i++) {                         // hits: 6
            switch (i % 3) {                                  // hits: 5
                case 0:
                    total += 1;                               // hits: 2
                    break;                                    // hits: 2
                case 1:
                    total += 10;                              // hits: 2
                    continue;                                 // hits: 2
                default:
                    total += 100;                             // hits: 1
            }
            total *= 2;                                       // hits: 3
        }
        return total;                                         // hits: 1
    }

    static int lambdaLoop() {
        IntUnaryOperator triangle = n -> {                    // hits: 1
            int t = 0;                                        // hits: 2
            for (int i = 1; i <= n; i++) {                    // hits: 7 (2 inits, 5 updates)
                t += i;                                       // hits: 5
            }
            return t;                                         // hits: 2
        };
        return triangle.applyAsInt(2) + triangle.applyAsInt(3); // hits: 1
    }
}
