package dev.hotline.core.instrument.targets;

/** Validation target: each method's expected number of calls per run() is on its declaring line. */
public class CallCounts implements Runnable {

    static int initialized;

    static {                                           // calls: 1
        initialized = answer();
    }

    public CallCounts() {                              // calls: 1
        super();
    }

    static int answer() {                              // calls: 1
        return 42;
    }

    @Override
    public void run() {                                // calls: 1
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += square(i);
        }
        sum += fib(10);
        sum += early(-1) + early(1) + early(5);
        long wide = widen(1L, 2.0, sum);
        if (wide == 0) {
            throw new AssertionError();
        }
    }

    static int square(int x) {                         // calls: 10
        return x * x;
    }

    static int fib(int n) {                            // calls: 177
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static int early(int x) {                          // calls: 3
        if (x < 0) {
            return 0;
        }
        while (true) {
            if (x > 3) {
                return x;
            }
            x++;
        }
    }

    static long widen(long a, double b, int c) {      // calls: 1
        long result = a;
        for (int i = 0; i < c % 7 + 1; i++) {
            result += (long) b;
        }
        return result;
    }

    abstract static class Shape {
        abstract double area();                        // abstract: no code, no timer
    }
}
