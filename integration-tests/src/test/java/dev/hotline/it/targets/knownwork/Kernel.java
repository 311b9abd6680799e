package dev.hotline.it.targets.knownwork;

/**
 * Fixed work: {@code steps} dependent xor-shift-multiply rounds, about a nanosecond each; nonlinear,
 * so no JIT can fold a run of them into one operation (it folds a linear congruential step). Not
 * instrumented (the tests exclude it), so its time is the own time of whichever method calls it.
 */
public final class Kernel {

    private Kernel() {
    }

    public static long run(long x, int steps) {
        for (int i = 0; i < steps; i++) {
            x = (x ^ (x >>> 31)) * 0x9E3779B97F4A7C15L;
        }
        return x;
    }
}
