package dev.hotline.runtime;

import java.util.Arrays;

/**
 * Measures, in this JVM, what each kind of probe costs ({@link ProbeCosts}), the way instrumented
 * code runs them: loops that make exactly the calls an instrumented method makes (Probes.enter,
 * exit, line, lineHits, allocation), warmed until C2 has compiled and inlined them, on a thread of
 * its own whose recorder is then forgotten (its probe ids are its own, never reported).
 *
 * <p>The loops are short ({@link #BATCH} events) and called many times, so that the JIT compiles
 * them as ordinary hot methods (C1 after a few hundred calls, C2 after a few thousand) rather than
 * waiting for on-stack replacement of one long loop. Each round times every kind over
 * {@link #CALLS_PER_ROUND} calls of its loop; the figure of each kind is the smallest mean per
 * event of all rounds (the first, still interpreted, are never the smallest) (noise from other threads and processes only
 * ever adds time). Costs come out as differences of loops that differ by one kind of probe, so the
 * loop's own cost (about a cycle per iteration) cancels out where it matters:
 *
 * <ul>
 *   <li>timed call: a loop of empty timed calls, per call (whole cost); the inner part is what the
 *       recorder measured inside those calls;
 *   <li>untimed call: the same loop with the node's countdown set so that no call is timed;
 *   <li>sampled call: the same loop with one call in 8 timed at random, as in a sampled method; its
 *       timed calls' whole cost is 8 times what the loop costs per call beyond an untimed call;
 *   <li>timed line: a timed call entering 4 lines, minus the empty timed call, per line; its inner
 *       part is what the recorder measured for the lines that were followed by another line;
 *   <li>counted line: an untimed call entering 4 lines, minus the untimed call, per line;
 *   <li>hit-counter fetch and allocation counter: a loop of each, per event.
 * </ul>
 *
 * <p>Bounded: stops at its time budget even if the rounds were not all run.
 */
public final class ProbeCalibration {

    private static final int BATCH = 256;
    private static final int CALLS_PER_ROUND = 16;
    private static final int MAX_ROUNDS = 400;
    /** Rounds run whatever the budget: enough calls of every loop for C2 to compile it. */
    private static final int MIN_ROUNDS = 10;
    private static final int TIMED = 0;
    private static final int UNTIMED = 1;
    private static final int TIMED_LINES = 2;
    private static final int UNTIMED_LINES = 3;
    private static final int SAMPLED = 4;
    /** The sampling interval of the sampled-call loop. */
    private static final int SAMPLED_INTERVAL = 8;
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
            ProbeCosts.set(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
        }
        return r;
    }

    private static long[] measure(long budgetNanos) {
        boolean exact = ProbeCosts.exactTiming();
        double budget = ProbeCosts.budget();
        ProbeCosts.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0); // measure the raw costs, every timed call timed
        ProbeCosts.configure(true, budget);
        ThreadRecorder recorder = Probes.enter(TIMED);
        Probes.exit(recorder, TIMED);
        try {
            return measure(recorder, budgetNanos);
        } finally {
            Recorders.unregister(recorder);
            ProbeCosts.configure(exact, budget);
        }
    }

    private static long[] measure(ThreadRecorder recorder, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        CallNode root = recorder.callTreeRoot();
        // Make the nodes, then keep the untimed ones from ever being timed.
        Probes.exit(Probes.enter(UNTIMED), UNTIMED);
        Probes.exit(Probes.enter(UNTIMED_LINES), UNTIMED_LINES);
        Probes.exit(Probes.enter(TIMED_LINES), TIMED_LINES);
        Probes.exit(Probes.enter(SAMPLED), SAMPLED);
        CallNode sampled = root.findOrAdd(SAMPLED, null);
        sampled.counters.interval = SAMPLED_INTERVAL;
        sampled.counters.pinned = true;
        CallNode timed = root.findOrAdd(TIMED, null);
        root.findOrAdd(UNTIMED, null).countdown = Integer.MAX_VALUE;
        root.findOrAdd(UNTIMED_LINES, null).countdown = Integer.MAX_VALUE;
        long[] best = new long[7];
        Arrays.fill(best, Long.MAX_VALUE);
        long bestTimedInner = Long.MAX_VALUE;
        long bestLineInner = Long.MAX_VALUE;
        long bestSampledInner = Long.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS && (round < MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            long calls = timed.timedCalls;
            long measured = timed.measuredNanos;
            long[] perEvent = new long[7];
            long elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += timedCalls(BATCH);
            }
            perEvent[0] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            long timedInner = picosPer(timed.measuredNanos - measured, timed.timedCalls - calls);
            elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += untimedCalls(BATCH);
            }
            perEvent[1] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            long[] lineBefore = lineTotals(recorder);
            elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += timedLines(BATCH);
            }
            perEvent[2] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            long[] lineAfter = lineTotals(recorder);
            long lineInner = picosPer(lineAfter[0] - lineBefore[0], lineAfter[1] - lineBefore[1]);
            elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += untimedLines(BATCH);
            }
            perEvent[3] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += lineHitFetches(BATCH);
            }
            perEvent[4] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += allocations(recorder, BATCH);
            }
            perEvent[5] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            long sampledCalls = sampled.timedCalls;
            long sampledMeasured = sampled.measuredNanos;
            elapsed = 0;
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                elapsed += sampledCalls(BATCH);
            }
            perEvent[6] = picosPer(elapsed, (long) BATCH * CALLS_PER_ROUND);
            long sampledInner = picosPer((sampled.measuredNanos - sampledMeasured) / SAMPLED_INTERVAL,
                    sampled.timedCalls - sampledCalls);
            for (int k = 0; k < best.length; k++) {
                best[k] = Math.min(best[k], perEvent[k]); // the first rounds, interpreted, are never the least
            }
            bestTimedInner = Math.min(bestTimedInner, timedInner);
            bestLineInner = Math.min(bestLineInner, lineInner);
            bestSampledInner = Math.min(bestSampledInner, sampledInner);
        }
        long timedCall = best[0];
        long untimedCall = Math.min(best[1], timedCall);
        long lineTimed = Math.max(0, (best[2] - timedCall) / 4);
        long lineCounted = Math.max(0, (best[3] - untimedCall) / 4);
        // a call of the sampled loop costs untimed + (sampled - untimed) / N
        long sampledCall = Math.max(timedCall, untimedCall + SAMPLED_INTERVAL * (best[6] - untimedCall));
        return new long[] {
                Math.min(bestTimedInner, timedCall), timedCall, untimedCall,
                Math.min(Math.max(bestSampledInner, bestTimedInner), sampledCall), sampledCall,
                Math.min(bestLineInner, lineTimed), lineTimed, lineCounted, best[4], best[5]};
    }

    /** Measured time and timed hits of lines 0 to 2 of the timed-lines loop (each followed by another line). */
    private static long[] lineTotals(ThreadRecorder recorder) {
        long nanos = 0;
        long hits = 0;
        for (int line = 0; line < 3; line++) {
            LineCounters c = recorder.lineCountersOf(line);
            if (c != null) {
                nanos += c.measuredNanos;
                hits += c.timedHits;
            }
        }
        return new long[] {nanos, hits};
    }

    private static long picosPer(long nanos, long events) {
        return events <= 0 ? 0 : nanos * 1000 / events;
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

    private static long sampledCalls(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ThreadRecorder r = Probes.enter(SAMPLED);
            Probes.exit(r, SAMPLED);
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
