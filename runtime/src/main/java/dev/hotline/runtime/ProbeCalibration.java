package dev.hotline.runtime;

import java.util.Arrays;

/**
 * Measures, in this JVM, what each kind of probe costs ({@link ProbeCosts}), the way instrumented
 * code runs them: loops that make exactly the calls an instrumented method makes (Probes.enter,
 * exit, line, lineHits, allocation), warmed until C2 has compiled and inlined them, on a thread of
 * its own whose recorder is then forgotten (its probe ids are its own, never reported).
 *
 * <p>Each round times every kind in batches of {@link #BATCH} events; the figure is the median over
 * the rounds after the first half (the first are warm-up, when the loops are still interpreted or
 * compiled by C1). Costs come out as differences of loops that differ by one kind of probe, so the
 * loop's own cost (about a cycle per iteration) cancels out where it matters:
 *
 * <ul>
 *   <li>timed call: a loop of empty timed calls, per call (whole cost); the inner part is what the
 *       recorder measured inside those calls;
 *   <li>untimed call: the same loop with the node's countdown set so that no call is timed;
 *   <li>timed line: a timed call entering 4 lines, minus the empty timed call, per line; its inner
 *       part is what the recorder measured for the lines that were followed by another line;
 *   <li>counted line: an untimed call entering 4 lines, minus the untimed call, per line;
 *   <li>hit-counter fetch and allocation counter: a loop of each, per event.
 * </ul>
 *
 * <p>Bounded: stops at its time budget even if the rounds were not all run.
 */
public final class ProbeCalibration {

    private static final int BATCH = 10_000;
    private static final int MAX_ROUNDS = 40;
    private static final int MIN_ROUNDS = 8;
    private static final int TIMED = 0;
    private static final int UNTIMED = 1;
    private static final int TIMED_LINES = 2;
    private static final int UNTIMED_LINES = 3;
    private static final int LINE_HITS = 10;

    /** Keeps the JIT from removing work whose result nothing reads. */
    private static volatile long sink;

    private ProbeCalibration() {
    }

    /**
     * Measures the probe costs on a new thread within {@code budgetNanos} and sets them in
     * {@link ProbeCosts}. Returns the figures in {@link ProbeCosts#set}'s order (picoseconds), or null
     * if the measurement failed (the costs then stay 0: nothing is subtracted).
     */
    public static long[] run(final long budgetNanos) {
        final long[][] result = new long[1][];
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                result[0] = measure(budgetNanos);
            }
        }, "hotline-calibration");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        long[] r = result[0];
        if (r != null) {
            ProbeCosts.set(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
        }
        return r;
    }

    private static long[] measure(long budgetNanos) {
        ThreadRecorder recorder = Probes.enter(TIMED);
        Probes.exit(recorder, TIMED);
        try {
            return measure(recorder, budgetNanos);
        } finally {
            Recorders.unregister(recorder);
        }
    }

    private static long[] measure(ThreadRecorder recorder, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        CallNode root = recorder.callTreeRoot();
        // Make the nodes, then keep the untimed ones from ever being timed.
        Probes.exit(Probes.enter(UNTIMED), UNTIMED);
        Probes.exit(Probes.enter(UNTIMED_LINES), UNTIMED_LINES);
        Probes.exit(Probes.enter(TIMED_LINES), TIMED_LINES);
        CallNode timed = root.findOrAdd(TIMED, null);
        root.findOrAdd(UNTIMED, null).countdown = Integer.MAX_VALUE;
        root.findOrAdd(UNTIMED_LINES, null).countdown = Integer.MAX_VALUE;
        long[][] perRound = new long[6][MAX_ROUNDS];
        long[] timedInner = new long[MAX_ROUNDS];
        long[] lineInner = new long[MAX_ROUNDS];
        int rounds = 0;
        while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || System.nanoTime() < deadline)) {
            long calls = timed.timedCalls;
            long measured = timed.measuredNanos;
            perRound[0][rounds] = picosPer(timedCalls(BATCH), BATCH);
            timedInner[rounds] = picosPer(timed.measuredNanos - measured, timed.timedCalls - calls);
            perRound[1][rounds] = picosPer(untimedCalls(BATCH), BATCH);
            LineCounters first = recorder.lineCountersOf(0);
            long lineNanos = first == null ? 0 : first.measuredNanos + recorder.lineCountersOf(1).measuredNanos
                    + recorder.lineCountersOf(2).measuredNanos;
            long lineHits = first == null ? 0 : first.timedHits + recorder.lineCountersOf(1).timedHits
                    + recorder.lineCountersOf(2).timedHits;
            perRound[2][rounds] = picosPer(timedLines(BATCH), BATCH);
            first = recorder.lineCountersOf(0);
            lineInner[rounds] = picosPer(first.measuredNanos + recorder.lineCountersOf(1).measuredNanos
                    + recorder.lineCountersOf(2).measuredNanos - lineNanos,
                    first.timedHits + recorder.lineCountersOf(1).timedHits + recorder.lineCountersOf(2).timedHits
                            - lineHits);
            perRound[3][rounds] = picosPer(untimedLines(BATCH), BATCH);
            perRound[4][rounds] = picosPer(lineHitFetches(BATCH), BATCH);
            perRound[5][rounds] = picosPer(allocations(recorder, BATCH), BATCH);
            rounds++;
            if (System.nanoTime() > deadline && rounds >= MIN_ROUNDS) {
                break;
            }
        }
        long timedCall = median(perRound[0], rounds);
        long untimedCall = median(perRound[1], rounds);
        long lineTimed = Math.max(0, (median(perRound[2], rounds) - timedCall) / 4);
        long lineCounted = Math.max(0, (median(perRound[3], rounds) - untimedCall) / 4);
        return new long[] {
                Math.min(median(timedInner, rounds), timedCall), timedCall, untimedCall,
                Math.min(median(lineInner, rounds), lineTimed), lineTimed, lineCounted,
                median(perRound[4], rounds), median(perRound[5], rounds)};
    }

    private static long picosPer(long nanos, long events) {
        return events <= 0 ? 0 : nanos * 1000 / events;
    }

    /** The median of the second half of the rounds (the first half is warm-up). */
    private static long median(long[] values, int rounds) {
        int from = rounds / 2;
        long[] late = Arrays.copyOfRange(values, from, rounds);
        Arrays.sort(late);
        return late[late.length / 2];
    }

    // The loops below make exactly the calls instrumented code makes. Each returns its elapsed ns.

    private static long timedCalls(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ThreadRecorder r = Probes.enter(TIMED);
            Probes.exit(r, TIMED);
        }
        return System.nanoTime() - start;
    }

    private static long untimedCalls(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ThreadRecorder r = Probes.enter(UNTIMED);
            Probes.exit(r, UNTIMED);
        }
        return System.nanoTime() - start;
    }

    private static long timedLines(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ThreadRecorder r = Probes.enter(TIMED_LINES);
            Probes.line(r, TIMED_LINES, 0);
            Probes.line(r, TIMED_LINES, 1);
            Probes.line(r, TIMED_LINES, 2);
            Probes.line(r, TIMED_LINES, 3);
            Probes.exit(r, TIMED_LINES);
        }
        return System.nanoTime() - start;
    }

    private static long untimedLines(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ThreadRecorder r = Probes.enter(UNTIMED_LINES);
            Probes.line(r, UNTIMED_LINES, 4);
            Probes.line(r, UNTIMED_LINES, 5);
            Probes.line(r, UNTIMED_LINES, 6);
            Probes.line(r, UNTIMED_LINES, 7);
            Probes.exit(r, UNTIMED_LINES);
        }
        return System.nanoTime() - start;
    }

    private static long lineHitFetches(int n) {
        long start = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long[] h = Probes.lineHits(LINE_HITS, 4);
            h[i & 3]++;
            sum += h.length;
        }
        long elapsed = System.nanoTime() - start;
        sink = sum;
        return elapsed;
    }

    private static long allocations(ThreadRecorder r, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Probes.allocation(r, i & 3);
        }
        return System.nanoTime() - start;
    }
}
