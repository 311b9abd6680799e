package dev.hotline.it.targets.knownwork;

/**
 * Methods of known work and very different sizes, the ones a profiler's own cost distorts most:
 * a tiny method, a parent that calls it a thousand times per call beside work of its own, a small
 * and a large method, and a method whose two lines do known work. Timed by hotline in one run and,
 * in a run without the agent, by {@link KnownWorkApp} itself.
 */
public final class Work {

    static final int TINY_STEPS = 8;
    static final int PARENT_CALLS = 1000;
    static final int PARENT_STEPS = 6_000;
    static final int SMALL_STEPS = 200;
    static final int LARGE_STEPS = 20_000;
    static final int LINE_A_STEPS = 400;
    static final int LINE_B_STEPS = 4_000;

    private Work() {
    }

    public static long tiny(long x) {
        return Kernel.run(x, TINY_STEPS);
    }

    public static long parent(long x) {
        for (int i = 0; i < PARENT_CALLS; i++) {
            x = tiny(x);
        }
        return Kernel.run(x, PARENT_STEPS);
    }

    public static long small(long x) {
        return Kernel.run(x, SMALL_STEPS);
    }

    public static long large(long x) {
        return Kernel.run(x, LARGE_STEPS);
    }

    public static long lined(long x) {
        x = Kernel.run(x, LINE_A_STEPS); // line A
        x = Kernel.run(x, LINE_B_STEPS); // line B
        return x;
    }
}
