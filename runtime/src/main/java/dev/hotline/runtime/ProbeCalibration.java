package dev.hotline.runtime;

import java.util.Arrays;

/**
 * Measures, in this JVM, what each kind of probe costs ({@link ProbeCosts}), the way instrumented
 * code runs them: small methods that make exactly the calls an instrumented method makes
 * (Probes.recorder, enter, exit, line, lineHits, allocation), on a thread of its own whose recorder is then
 * forgotten (its probe ids are its own, never reported).
 *
 * <p>Each kind of event is timed by a small method that runs {@link #BATCH} events between two
 * clock reads ({@code timeCalls}, {@code timeLines}, ...), called {@link #BATCHES} times per round, so the JIT
 * compiles it as an ordinary hot method with the probes inlined; a batch of nothing measures what
 * the batch itself costs, which is subtracted. Costs come out as differences of events that differ
 * by one kind of probe:
 *
 * <ul>
 *   <li>timed call: empty timed calls, per call (whole cost); the inner part is what the recorder
 *       measured inside those calls;
 *   <li>untimed call: the same with the node's countdown set so that no call is timed;
 *   <li>sampled call: the same with one call in 8 timed at random, as in a sampled method; its
 *       timed calls' whole cost is 8 times what it costs per call beyond an untimed call;
 *   <li>timed line: a timed call entering 4 lines (each counted inline and timed), minus the empty
 *       timed call and one hit-counter fetch, per line (the first probe only starts a line, the
 *       exit ends the last: together they make the fourth); its inner part is what the recorder
 *       measured for the second line, which is empty (started by a probe that ended a line, ended
 *       by the next line's probe): an empty line then reads 0, whatever part of the work around a
 *       probe the processor overlaps with it (taken against the work, the inner part came out
 *       larger than the probe's whole cost, and the program's short lines read below zero);
 *   <li>skipped line: the same with the line countdown set so that no line is timed (the first
 *       line probe calls in to read the countdown, as every timed call's first line probe does,
 *       the others are skipped inline);
 *   <li>sampled line: the same with every other line timed (countdowns drawn as exactly 2): per
 *       call a skipped line, two sampled ones, one ended by a probe and one by the exit; less
 *       the skipped and the timed line (the exit's part), the pair that times a line among skipped
 *       ones; its inner part is what the recorder measured for the second, empty line (started
 *       among skipped ones, ended by a probe);
 *   <li>counted line: the same in an untimed call (counted inline, the line probe not taken), minus
 *       the untimed call and the fetch, per line;
 *   <li>hit-counter fetch and allocation counter: per event.
 * </ul>
 *
 * <p><b>Two phases.</b> The JIT reaches its final code for these methods only after some hundreds
 * of milliseconds (C2 compiles a method after thousands of calls, and the first rounds run
 * interpreted or in C1's profiling code). Start-up waits for the first phase only ({@code
 * syncNanos}) and sets its figures, settled or not (usually not: C2 compiles the probes some
 * hundreds of milliseconds after the JVM starts). The same thread then goes on in the background,
 * one round every {@link #PAUSE_MILLIS} ms (a few per cent of one core) until {@code
 * backgroundNanos} have passed, and sets the figures again after every round. Each figure is the
 * lower quartile of the last {@link #WINDOW} rounds: early rounds, slower, drop out as the JIT
 * finishes; noise in single rounds does not move it. The first phase ends when the figures have
 * settled ({@link #settled}) or at its budget, whichever comes first.
 *
 * <p>Figures that have not settled are subtracted too. They used not to be (an over-estimate from
 * probes the JIT had not finished could make short calls read as 0), but then every call of the
 * program's first half second kept its probes' cost, weighted by its sampling interval: in the
 * primitive demo with {@code lines=}, {@code iterate} read 1.33 s inside a {@code compute} of 0.95
 * s, and {@code compute}'s short lines 33 ns a hit. Subtracting the latest figures from the start,
 * {@code iterate} read 0.85–0.89 s inside 0.84–0.87 s (the program's probes, still compiling too,
 * cost more than the final figures as well).
 */
public final class ProbeCalibration {

    private static final int BATCH = 16;
    /** Steps of work(x) per event. */
    private static final int WORK_STEPS = 8;
    private static final int BATCHES = 128;
    /** Rounds the figures are the median of. */
    private static final int WINDOW = 15;
    /** Rounds the first phase runs at least, whatever its budget. */
    private static final int MIN_ROUNDS = 6;
    private static final long PAUSE_MILLIS = 20;
    private static final int SETTLED_ROUNDS = 6;
    /** C2 takes this long at least to compile the probes after a JVM starts (seen: 200 to 300 ms). */
    private static final long MIN_SETTLE_NANOS = 250_000_000L;
    /** When the figures were first set, in ns after the calibration began; -1: not yet. */
    private static volatile long settledNanos = -1;
    private static final double SETTLED_SPREAD = 1.15;
    private static final int KINDS = ProbeCosts.FIGURES;
    private static final int TIMED = 0;
    private static final int UNTIMED = 1;
    private static final int TIMED_LINES = 2;
    private static final int UNTIMED_LINES = 3;
    private static final int SAMPLED = 4;
    private static final int SKIPPED_LINES = 5;
    private static final int SAMPLED_LINES = 6;
    /** The line interval of the sampled-lines events: every other line timed. */
    private static final int SAMPLED_LINE_INTERVAL = 2;
    /** The first line probe of each lines kind's four (the hit counters' key too). */
    private static final int TIMED_FIRST = 0, UNTIMED_FIRST = 4, SKIPPED_FIRST = 14, SAMPLED_FIRST = 18;
    /** The sampling interval of the sampled-call events. */
    private static final int SAMPLED_INTERVAL = 8;
    private static final int LINE_HITS = 10;
    /** Not a method id: the kind of batch that counts allocations. */
    private static final int ALLOCATION = -2;

    private final ThreadRecorder recorder;
    private final CallNode timed;
    private final CallNode sampled;
    /** Per kind of figure (ProbeCosts.set's order), the last WINDOW rounds' values. */
    private final long[][] window = new long[KINDS][WINDOW];
    private int rounds;
    /** The whole cost of a timed call in the first round. */
    private long first;

    private ProbeCalibration(ThreadRecorder recorder) {
        this.recorder = recorder;
        CallNode root = recorder.callTreeRoot();
        recorder.unlimited(); // past a small calltree= limit its nodes would be flat, and not found below
        // Make the nodes, then keep the untimed ones from ever being timed.
        for (int id : new int[] {UNTIMED, UNTIMED_LINES, TIMED_LINES, SAMPLED, SKIPPED_LINES, SAMPLED_LINES}) {
            Probes.exit(recorder, Probes.enter(recorder, id), id);
        }
        sampled = root.findOrAdd(SAMPLED, null);
        sampled.counters.interval = SAMPLED_INTERVAL;
        sampled.counters.pinned = true;
        timed = root.findOrAdd(TIMED, null);
        // timed throughout, whatever the adaptive timing would decide once the costs are set
        timed.counters.pinned = true;
        pinLines(root, TIMED_LINES, 1, 1); // every line timed
        pinLines(root, SKIPPED_LINES, 1, Integer.MAX_VALUE); // no line timed
        // with four lines a call, the lines are skipped, sampled, ended, sampled (ended by the exit)
        pinLines(root, SAMPLED_LINES, SAMPLED_LINE_INTERVAL, SAMPLED_LINE_INTERVAL).lineRegular = true;
        root.findOrAdd(UNTIMED, null).countdown = Integer.MAX_VALUE;
        root.findOrAdd(UNTIMED_LINES, null).countdown = Integer.MAX_VALUE;
    }

    /**
     * Pins method {@code id}'s calls as timed every time and its lines at {@code interval}, the
     * countdown at {@code countdown}, whatever the adaptive timing would decide; returns its counters.
     */
    private static MethodCounters pinLines(CallNode root, int id, int interval, int countdown) {
        MethodCounters c = root.findOrAdd(id, null).counters;
        c.pinned = true;
        c.linePinned = true;
        c.lineInterval = interval;
        c.lineDrawn = interval;
        c.lineCountdown = countdown;
        return c;
    }

    /**
     * Measures the probe costs on a new thread for {@code syncNanos} and sets them in
     * {@link ProbeCosts}, then returns while the thread goes on refining them for
     * {@code backgroundNanos} more (0: not at all). Returns the first phase's figures in
     * {@link ProbeCosts#set}'s order (picoseconds), or null if the measurement failed (the costs
     * then stay 0: nothing is subtracted). {@link ProbeCosts}' getters give the latest figures.
     */
    public static long[] run(final long syncNanos, final long backgroundNanos) {
        final long[][] first = new long[1][];
        final Object lock = new Object();
        final boolean[] done = new boolean[1];
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                boolean exact = ProbeCosts.exactTiming();
                double budget = ProbeCosts.budget();
                ProbeCosts.set(); // the costs are measured raw, every timed call timed
                ProbeCosts.configure(true, budget);
                ThreadRecorder recorder = null;
                try {
                    recorder = Probes.recorder();
                    Probes.exit(recorder, Probes.enter(recorder, TIMED), TIMED);
                    // at once: a dump taken while the calibration runs must never read its probes, whose
                    // ids are its own (they would land on the program's first methods)
                    Recorders.unregister(recorder);
                    ProbeCalibration calibration = new ProbeCalibration(recorder);
                    long begin = System.nanoTime();
                    long deadline = begin + syncNanos;
                    while (calibration.rounds < MIN_ROUNDS || System.nanoTime() < deadline) {
                        calibration.round();
                    }
                    first[0] = calibration.figures();
                    ProbeCosts.configure(exact, budget);
                    ProbeCosts.set(first[0]);
                    if (calibration.settled(begin)) {
                        settledNanos = System.nanoTime() - begin;
                    }
                    synchronized (lock) {
                        done[0] = true;
                        lock.notifyAll();
                    }
                    long end = System.nanoTime() + backgroundNanos;
                    while (System.nanoTime() < end) {
                        Thread.sleep(PAUSE_MILLIS);
                        calibration.round();
                        ProbeCosts.set(calibration.figures());
                        if (settledNanos < 0 && calibration.settled(begin)) {
                            settledNanos = System.nanoTime() - begin;
                        }
                    }
                } catch (InterruptedException e) {
                    // the JVM is going away: keep the figures as they are
                } finally {
                    ProbeCosts.configure(exact, budget);
                    if (recorder != null) {
                        Recorders.unregister(recorder);
                    }
                    synchronized (lock) {
                        done[0] = true;
                        lock.notifyAll();
                    }
                }
            }
        }, "hotline-calibration");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        running = thread;
        thread.start();
        synchronized (lock) {
            while (!done[0]) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return first[0];
    }

    /**
     * When the figures settled (stopped falling as the JIT finished the probes), in ms after the
     * calibration began; -1 while they have not: until then the figures subtracted are the latest
     * rounds', less sure.
     */
    public static long settledMillis() {
        long n = settledNanos;
        return n < 0 ? -1 : n / 1_000_000;
    }

    /** The calibration thread, while it runs. */
    private static volatile Thread running;

    /**
     * Ends the background phase now (the figures stay as last set) and waits for the thread, at most
     * {@code timeoutMillis}: the agent's stop calls it, so nothing of the session runs on.
     */
    public static void stop(long timeoutMillis) throws InterruptedException {
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
            thread.join(timeoutMillis);
        }
    }

    /** One round: every kind of event timed over BATCHES batches. */
    private void round() {
        long baseline = Long.MAX_VALUE;
        for (int i = 0; i < BATCHES; i++) {
            baseline = Math.min(baseline, timeWorkAlone());
        }
        long[] elapsed = new long[9];
        long calls = timed.timedCalls;
        long measured = timed.measuredNanos;
        elapsed[0] = batches(TIMED);
        // what the recorder measured inside the calls, less the work: the probe's inner part
        long workPerEvent = picosPer(baseline, BATCH);
        long timedInner = picosPer(timed.measuredNanos - measured, timed.timedCalls - calls) - workPerEvent;
        elapsed[1] = batches(UNTIMED);
        long[] lineBefore = lineTotals(TIMED_FIRST + 1);
        elapsed[2] = batches(TIMED_LINES);
        long[] lineAfter = lineTotals(TIMED_FIRST + 1);
        long lineInner = picosPer(lineAfter[0] - lineBefore[0], lineAfter[1] - lineBefore[1]);
        elapsed[3] = batches(UNTIMED_LINES);
        elapsed[4] = batches(LINE_HITS);
        elapsed[5] = batches(ALLOCATION);
        long sampledCalls = sampled.timedCalls;
        long sampledMeasured = sampled.measuredNanos;
        elapsed[6] = batches(SAMPLED);
        long sampledInner = picosPer((sampled.measuredNanos - sampledMeasured) / SAMPLED_INTERVAL,
                sampled.timedCalls - sampledCalls) - workPerEvent;
        elapsed[7] = batches(SKIPPED_LINES);
        long[] pairBefore = lineTotals(SAMPLED_FIRST + 1);
        elapsed[8] = batches(SAMPLED_LINES);
        long[] pairAfter = lineTotals(SAMPLED_FIRST + 1);
        // each of those lines stands for SAMPLED_LINE_INTERVAL hits, and is recorded so weighted
        long lineSampledInner = picosPer((pairAfter[0] - pairBefore[0]) / SAMPLED_LINE_INTERVAL,
                pairAfter[1] - pairBefore[1]);
        for (int k : new int[] {2, 3, 7, 8}) {
            elapsed[k] -= 2L * BATCHES * baseline; // three pieces of work per event, one taken off below
        }
        long[] perEvent = new long[elapsed.length];
        for (int k = 0; k < perEvent.length; k++) {
            perEvent[k] = Math.max(0, picosPer(elapsed[k] - BATCHES * baseline, (long) BATCHES * BATCH));
        }
        long timedCall = perEvent[0];
        long untimedCall = Math.min(perEvent[1], timedCall);
        // a sampled event costs untimed + (sampled - untimed) / N
        long sampledCall = Math.max(timedCall, untimedCall + SAMPLED_INTERVAL * (perEvent[6] - untimedCall));
        // each lines event also fetched its hit counters once (perEvent[4], with one increment)
        long lineTimed = Math.max(0, (perEvent[2] - timedCall - perEvent[4]) / 4);
        long lineCounted = Math.max(0, (perEvent[3] - untimedCall - perEvent[4]) / 4);
        long lineSkipped = Math.min(lineTimed, Math.max(0, (perEvent[7] - timedCall - perEvent[4]) / 4));
        // skipped + 2 x half pair + (timed - half pair) at the exit = skipped + pair + timed
        // at least a timed line's: the pair is two probes that read the clock, a timed line one
        long lineSampled = Math.max(lineTimed, perEvent[8] - timedCall - perEvent[4] - lineSkipped - lineTimed);
        long[] figures = new long[KINDS];
        figures[ProbeCosts.TIMED_INNER] = clamp(timedInner, timedCall);
        figures[ProbeCosts.TIMED_CALL] = timedCall;
        figures[ProbeCosts.UNTIMED_CALL] = untimedCall;
        figures[ProbeCosts.SAMPLED_INNER] = clamp(Math.max(sampledInner, timedInner), sampledCall);
        figures[ProbeCosts.SAMPLED_CALL] = sampledCall;
        figures[ProbeCosts.LINE_INNER] = clamp(lineInner, lineTimed);
        figures[ProbeCosts.LINE_TIMED] = lineTimed;
        figures[ProbeCosts.LINE_COUNTED] = lineCounted;
        figures[ProbeCosts.LINE_HITS] = perEvent[4];
        figures[ProbeCosts.ALLOCATION] = perEvent[5];
        figures[ProbeCosts.LINE_SKIPPED] = lineSkipped;
        figures[ProbeCosts.LINE_SAMPLED] = lineSampled;
        figures[ProbeCosts.LINE_SAMPLED_INNER] = clamp(lineSampledInner, lineSampled);
        for (int k = 0; k < KINDS; k++) {
            window[k][rounds % WINDOW] = figures[k];
        }
        if (rounds == 0) {
            first = timedCall;
        }
        rounds++;
    }

    /**
     * Whether the JIT is done with the probes: at least {@link #MIN_SETTLE_NANOS} after the start,
     * and the whole cost of a timed call varied by no more than {@link #SETTLED_SPREAD} over the last
     * {@link #SETTLED_ROUNDS} rounds, after having fallen (the first rounds, interpreted, cost many
     * times more; C1's profiling code, before C2 takes over, about twice as much).
     */
    private boolean settled(long begin) {
        if (rounds < SETTLED_ROUNDS + 2 || System.nanoTime() - begin < MIN_SETTLE_NANOS) {
            return false;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = rounds - SETTLED_ROUNDS; i < rounds; i++) {
            long v = window[1][i % WINDOW];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max <= min * SETTLED_SPREAD && 2 * max < first;
    }

    /**
     * The lower quartile of each figure over the last rounds (at most WINDOW), skipping the first
     * half of the rounds while there are fewer than WINDOW: a round disturbed by other threads, or
     * by this thread's own pauses (cold caches after its sleep), costs more, never less.
     */
    private long[] figures() {
        int n = Math.min(rounds, WINDOW);
        // in the first phase, leave out the first rounds: they ran interpreted
        int skip = rounds <= WINDOW ? Math.min(rounds / 2, n - 1) : 0;
        long[] out = new long[KINDS];
        for (int k = 0; k < KINDS; k++) {
            long[] values = new long[n - skip];
            for (int i = skip; i < n; i++) {
                values[i - skip] = window[k][(rounds - n + i) % WINDOW];
            }
            Arrays.sort(values);
            out[k] = values[values.length / 4];
        }
        return out;
    }

    /** Measured time and timed hits of line probe {@code line} so far. */
    private long[] lineTotals(int line) {
        LineCounters c = recorder.lineCountersOf(line);
        return c == null ? new long[2] : new long[] {c.measuredNanos, c.timedHits};
    }

    private static long clamp(long inner, long whole) {
        return Math.max(0, Math.min(inner, whole));
    }

    private static long picosPer(long nanos, long events) {
        return events <= 0 ? 0 : nanos * 1000 / events;
    }

    // Each method below times a batch of events; each event makes exactly the calls instrumented
    // code makes, around the same small piece of work (work(x), about 10 ns of dependent arithmetic):
    // a probe next to other work costs less than one alone (the processor overlaps the two), and
    // the probes that matter most are those of small methods. The batch with the work alone is the
    // baseline every figure is taken against.

    /** Results the JIT must not drop (a static field store is never dead). */
    private static long sink;

    private static long work(long x) {
        for (int i = 0; i < WORK_STEPS; i++) {
            x = (x ^ (x >>> 31)) * 0x9E3779B97F4A7C15L;
        }
        return x;
    }

    private static long timeWorkAlone() {
        long x = sink;
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            x = work(x);
        }
        long elapsed = System.nanoTime() - start;
        sink = x;
        return elapsed;
    }

    /** BATCHES batches of one kind of event, {@code kind} a method id of the constructor's or LINE_HITS or ALLOCATION. */
    private long batches(int kind) {
        long elapsed = 0;
        for (int i = 0; i < BATCHES; i++) {
            switch (kind) {
                case TIMED_LINES -> elapsed += timeLines(TIMED_LINES, TIMED_FIRST);
                case UNTIMED_LINES -> elapsed += timeLines(UNTIMED_LINES, UNTIMED_FIRST);
                case SKIPPED_LINES -> elapsed += timeLines(SKIPPED_LINES, SKIPPED_FIRST);
                case SAMPLED_LINES -> elapsed += timeLines(SAMPLED_LINES, SAMPLED_FIRST);
                case LINE_HITS -> elapsed += timeLineHitFetches();
                case ALLOCATION -> elapsed += timeAllocations(recorder);
                default -> elapsed += timeCalls(kind);
            }
        }
        return elapsed;
    }

    /** Calls of method {@code id}: timed, untimed or sampled as its node is set up. */
    private static long timeCalls(int id) {
        long x = sink;
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            ThreadRecorder r = Probes.recorder();
            int caller = Probes.enter(r, id);
            x = work(x);
            Probes.exit(r, caller, id);
        }
        long elapsed = System.nanoTime() - start;
        sink = x;
        return elapsed;
    }

    /**
     * Calls of method {@code id} entering four lines from {@code firstLine}, each counted inline and
     * passed to the line probe, as instrumented code does; the second line is empty, so that what
     * the recorder measures for it is the probes' part inside a line's interval, with no work to
     * take off. The work is that of three events.
     */
    private static long timeLines(int id, int firstLine) {
        long x = sink;
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            long[] h = Probes.lineHits(firstLine, 4);
            ThreadRecorder r = Probes.recorder();
            int caller = Probes.enter(r, id);
            h[0]++;
            Probes.line(r, caller, id, firstLine);
            x = work(x);
            h[1]++;
            Probes.line(r, caller, id, firstLine + 1); // an empty line: its interval is the probes' inner part
            h[2]++;
            Probes.line(r, caller, id, firstLine + 2);
            x = work(x);
            h[3]++;
            Probes.line(r, caller, id, firstLine + 3);
            x = work(x);
            Probes.exit(r, caller, id);
        }
        long elapsed = System.nanoTime() - start;
        sink = x;
        return elapsed;
    }

    private static long timeLineHitFetches() {
        long x = sink;
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            long[] h = Probes.lineHits(LINE_HITS, 4);
            h[i & 3]++;
            x = work(x);
        }
        long elapsed = System.nanoTime() - start;
        sink = x;
        return elapsed;
    }

    private static long timeAllocations(ThreadRecorder r) {
        long x = sink;
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            Probes.allocation(r, i & 3);
            x = work(x);
        }
        long elapsed = System.nanoTime() - start;
        sink = x;
        return elapsed;
    }
}
