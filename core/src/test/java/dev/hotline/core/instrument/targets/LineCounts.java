package dev.hotline.core.instrument.targets;

import java.util.function.IntUnaryOperator;

/**
 * Validation target for line probes: the expected hits of each line per construction and run()
 * are written beside it ({@code // hits: N}, summed over every method with code on that line).
 */
public class LineCounts implements Runnable {

    private final int base;

    public LineCounts() {
        this(check(2));                                       // hits: 1
    }                                                         // hits: 1

    LineCounts(int base) {
        super();                                              // hits: 1
        this.base = base;                                     // hits: 1
    }                                                         // hits: 1

    static int check(int x) {
        return x;                                             // hits: 1
    }

    @Override
    public void run() {
        int sum = 0;                                          // hits: 1
        for (int i = 0; i < 10; i++) {                        // hits: 11 (init once, update 10 times)
            sum += i;                                         // hits: 10
        }
        sum += early(-1) + early(3);                          // hits: 1
        sum += caught(0) + caught(1);                         // hits: 1
        sum += viaCallee(4);                                  // hits: 1
        sum += choose(1) + choose(2) + choose(7);             // hits: 1
        sum += labelled();                                    // hits: 1
        sum += lambda();                                      // hits: 1
        sum += new Inner().twice(base);                       // hits: 1
        sum += new StringBuilder(sum > 0 ? "a" : "b").length(); // hits: 1
        int a = 1; int b = 2; sum += a + b;                   // hits: 1
        if (sum == 0) {                                       // hits: 1
            throw new AssertionError();                       // hits: 0
        }
    }                                                         // hits: 1

    static int early(int x) {
        if (x < 0) {                                          // hits: 2
            return 0;                                         // hits: 1
        }
        return x * 2;                                         // hits: 1
    }

    static int caught(int x) {
        try {
            if (x == 1) {                                     // hits: 2
                throw new IllegalStateException();            // hits: 1
            }
            return 1;                                         // hits: 2 (entered again after the finally code javac copies before the return)
        } catch (IllegalStateException e) {                   // hits: 1
            return 2;                                         // hits: 2 (likewise)
        } finally {
            touch();                                          // hits: 2
        }
    }

    static void touch() {
    }                                                         // hits: 2

    static int viaCallee(int x) {
        try {
            thrower(x);                                       // hits: 1
            return 0;                                         // hits: 0
        } catch (IllegalArgumentException e) {                // hits: 1
            return x;                                         // hits: 1
        }
    }

    static void thrower(int x) {
        throw new IllegalArgumentException("x=" + x);         // hits: 1
    }

    static int choose(int x) {
        switch (x) {                                          // hits: 3
            case 1:
                return 10;                                    // hits: 1
            case 2:
                x = 20;                                       // hits: 1
                break;                                        // hits: 1
            default:
                x = 0;                                        // hits: 1
        }
        return x;                                             // hits: 2
    }

    static int labelled() {
        int found = 0;                                        // hits: 1
        outer:
        for (int i = 0; i < 3; i++) {                         // hits: 4 (init, then an update after each continue outer)
            for (int j = 0; j < 3; j++) {                     // hits: 6 (i = 0: init + 2 updates; i = 1: init + 1; i = 2: init)
                if (i + j == 2) {                             // hits: 6
                    found++;                                  // hits: 3
                    continue outer;                           // hits: 3
                }
            }
        }
        return found;                                         // hits: 1
    }

    static int lambda() {
        IntUnaryOperator plusOne = x -> x + 1;                // hits: 4 (1 in lambda(), 3 in the lambda body)
        return plusOne.applyAsInt(1) + plusOne.applyAsInt(2) + plusOne.applyAsInt(3); // hits: 1
    }

    class Inner {                                             // hits: 1 (its implicit constructor)
        int twice(int x) {
            return 2 * x;                                     // hits: 1
        }
    }

    static {
        System.setProperty("hotline.target.loaded", "yes");   // hits: 1
    }                                                         // hits: 1
}
