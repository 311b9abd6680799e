package dev.hotline.it.targets.knownwork;

/**
 * The same code as {@link Work}, never instrumented (the tests instrument Work only): the truth,
 * timed by {@link KnownWorkApp} itself in the same JVM, in rounds interleaved with Work's, so a
 * machine's changing load weighs on both alike.
 */
public final class WorkTwin {

    private WorkTwin() {
    }

    public static long tiny(long x) {
        return Kernel.run(x, Work.TINY_STEPS);
    }

    public static long parent(long x) {
        for (int i = 0; i < Work.PARENT_CALLS; i++) {
            x = tiny(x);
        }
        return Kernel.run(x, Work.PARENT_STEPS);
    }

    public static long small(long x) {
        return Kernel.run(x, Work.SMALL_STEPS);
    }

    public static long large(long x) {
        return Kernel.run(x, Work.LARGE_STEPS);
    }

    public static long lined(long x) {
        x = Kernel.run(x, Work.LINE_A_STEPS); // line A
        x = Kernel.run(x, Work.LINE_B_STEPS); // line B
        return x;
    }
}
