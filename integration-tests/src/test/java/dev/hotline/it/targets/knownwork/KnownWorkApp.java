package dev.hotline.it.targets.knownwork;

import java.util.Locale;

/**
 * Runs each method of {@link Work} (instrumented by the tests) and of its uninstrumented twin
 * {@link WorkTwin} in {@link #ROUNDS} interleaved rounds, and prints, per method, the twin's mean
 * time per call as measured here around each of its rounds ({@code truth NAME NANOS}): the true
 * time of Work's methods without probes, taken in the same JVM at the same time, so load on a shared
 * machine weighs on both alike. The test compares hotline's figures for Work with these. Every
 * call of Work is in the dump, warm-up included; the twins warm up the same way, so the means
 * compare like with like. The kernel alone is timed too ({@code truth kernel.N}), for the line times.
 *
 * <p>Arguments: a scale for the number of calls (default 1), and how long to wait before the first
 * round, in ms (default 1,500: under the agent, the probe costs' calibration settles in the first
 * second and only then is subtracted, as a server would run a while before the code of interest).
 */
public final class KnownWorkApp {

    private static final int ROUNDS = 10;
    private static long sink;
    private static final String[] NAMES = {"tiny", "parent", "small", "large", "lined", "kernel.lineA", "kernel.lineB"};
    private static final long[] TRUTH_NANOS = new long[NAMES.length];
    private static final long[] TRUTH_CALLS = new long[NAMES.length];

    public static void main(String[] args) throws InterruptedException {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Thread.sleep(args.length > 1 ? Long.parseLong(args[1]) : 1500);
        for (int round = 0; round < ROUNDS; round++) {
            int n = (int) (2_000_000 * scale);
            long x = 1;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = WorkTwin.tiny(x);
            }
            truth(0, start, n, x);
            for (int i = 0; i < n; i++) {
                x = Work.tiny(x);
            }
            n = (int) (2_000 * scale);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = WorkTwin.parent(x);
            }
            truth(1, start, n, x);
            for (int i = 0; i < n; i++) {
                x = Work.parent(x);
            }
            n = (int) (200_000 * scale);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = WorkTwin.small(x);
            }
            truth(2, start, n, x);
            for (int i = 0; i < n; i++) {
                x = Work.small(x);
            }
            n = (int) (2_000 * scale);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = WorkTwin.large(x);
            }
            truth(3, start, n, x);
            for (int i = 0; i < n; i++) {
                x = Work.large(x);
            }
            n = (int) (10_000 * scale);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = WorkTwin.lined(x);
            }
            truth(4, start, n, x);
            for (int i = 0; i < n; i++) {
                x = Work.lined(x);
            }
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = Kernel.run(x, Work.LINE_A_STEPS);
            }
            truth(5, start, n, x);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x = Kernel.run(x, Work.LINE_B_STEPS);
            }
            truth(6, start, n, x);
            sink += x;
        }
        for (int k = 0; k < NAMES.length; k++) {
            System.out.println(String.format(Locale.ROOT, "truth %s %.2f", NAMES[k],
                    (double) TRUTH_NANOS[k] / TRUTH_CALLS[k]));
        }
        System.out.println("sink " + sink);
    }

    private static void truth(int k, long start, int calls, long x) {
        TRUTH_NANOS[k] += System.nanoTime() - start;
        TRUTH_CALLS[k] += calls;
        sink += x;
    }
}
