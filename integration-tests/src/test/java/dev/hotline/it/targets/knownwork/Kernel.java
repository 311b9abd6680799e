package dev.hotline.it.targets.knownwork;

/**
 * Fixed work: {@code steps} dependent multiply-adds (a 64-bit LCG), about a nanosecond each. Not
 * instrumented (the tests exclude it), so its time is the own time of whichever method calls it.
 */
public final class Kernel {

    private Kernel() {
    }

    public static long run(long x, int steps) {
        for (int i = 0; i < steps; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
