package dev.hotline.it.targets.knownwork;

import java.util.Locale;

/**
 * Runs each method of {@link Work} in one phase of many calls, and prints, per phase, the mean time
 * per call it measured itself around the whole phase ({@code truth NAME NANOS}). Run without the
 * agent, those are the true times; run with it, the test reads hotline's figures from the dump and
 * compares them with a plain run's. Every phase includes its own warm-up (the first calls run
 * interpreted), in both runs alike, so the means compare like with like. Each phase is a loop of
 * its own with a direct static call, as a program would call these methods; the kernel alone is
 * timed too ({@code truth kernel.N}), for the parent's self time and the line times.
 *
 * <p>Arguments: a scale for the number of calls (default 1).
 */
public final class KnownWorkApp {

    private static long sink;

    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int n = (int) (20_000_000 * scale);
        long x = 1;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Work.tiny(x);
        }
        report("tiny", start, n, x);

        n = (int) (20_000 * scale);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Work.parent(x);
        }
        report("parent", start, n, x);

        n = (int) (2_000_000 * scale);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Work.small(x);
        }
        report("small", start, n, x);

        n = (int) (20_000 * scale);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Work.large(x);
        }
        report("large", start, n, x);

        n = (int) (100_000 * scale);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Work.lined(x);
        }
        report("lined", start, n, x);

        n = (int) (20_000 * scale);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Kernel.run(x, Work.PARENT_STEPS);
        }
        report("kernel.parent", start, n, x);

        n = (int) (100_000 * scale);
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Kernel.run(x, Work.LINE_A_STEPS);
        }
        report("kernel.lineA", start, n, x);

        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x = Kernel.run(x, Work.LINE_B_STEPS);
        }
        report("kernel.lineB", start, n, x);
        System.out.println("sink " + sink);
    }

    private static void report(String name, long start, int calls, long x) {
        long elapsed = System.nanoTime() - start;
        sink += x;
        System.out.println(String.format(Locale.ROOT, "truth %s %.2f", name, (double) elapsed / calls));
    }
}
