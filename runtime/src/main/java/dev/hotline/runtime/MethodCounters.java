package dev.hotline.runtime;

/**
 * What one thread recorded for one method beyond its call-tree nodes: exceptions, the shortest and
 * longest timed call, the latency distribution of the timed calls (each weighted by the sampling
 * interval it stands for), and the adaptive-timing decision: 1 (time every call) or the interval N
 * of "time 1 in N calls", chosen from the method's mean time against the probe's cost
 * ({@link ProbeCosts#intervalFor}). Calls, times and self times live in the {@link CallNode}s.
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class MethodCounters {

    /**
     * Timed calls before the first sampling decision: the window then doubles at each decision up
     * to {@link #DECISION_WINDOW}. A program of many methods each called some thousands of times
     * (javac: 5,300 methods) timed every one of their first 1,024 calls while the window was fixed,
     * 10 million timed calls of methods that sampling would have timed 1 in 100 or more. A first
     * decision from few calls (often interpreted, so slow) errs towards timing more; the next,
     * from twice as many, corrects it.
     */
    static final int FIRST_WINDOW = 32;
    /** Timed calls between two sampling decisions, once the window has grown. */
    static final int DECISION_WINDOW = 1024;

    long exceptions;
    long timedCalls;
    long minNanos = Long.MAX_VALUE;
    long maxNanos = Long.MIN_VALUE;
    final LatencyBuckets latencies = new LatencyBuckets();

    /**
     * While a call of this method is open on the thread: the index of the node its outermost open
     * call landed on (every call of the method while it is open lands there too: recursion is
     * folded); 0 (the root's) when none is open. An index, not the node: see ThreadRecorder#nodeAt.
     */
    int openIndex;
    /** The thread's overflow node of this method (its calls past the node limit), made when first needed. */
    CallNode flatNode;

    /** 1 to time every call, else N: time one call in N (at random). */
    int interval = 1;
    /** Keeps {@link #interval} as it is set (the calibration pins one). */
    boolean pinned;
    private int windowCalls;
    private int window = FIRST_WINDOW;
    private long windowNanos;
    /** The calls the window's timed calls stand for (the sum of their weights). */
    private long windowWeight;
    /**
     * The time of the instrumented calls this method made since the window began (each timed call
     * of theirs weighted by the calls it stands for): with {@link #windowWeight}, what its calls
     * spent in callees, to be taken from their mean for the decision. Added to by the recorder.
     */
    long windowCalleeNanos;
    /** Line probes the window's timed calls entered (each a clock read), added to by the recorder. */
    long windowTimedLines;

    /**
     * A timed call took {@code nanos} (probe cost subtracted) and stands for {@code weight} calls.
     * At the end of each window of timed calls ({@link #FIRST_WINDOW}, twice that, ..., then every
     * {@link #DECISION_WINDOW}), the interval is chosen again from their mean own time: their mean
     * less the mean time per call spent in the instrumented methods they called. Against own time,
     * because own times add up to the program's time and inclusive times do not: sized against
     * their inclusive times, the timers of ten nested methods could each take the budget's share
     * of the same time (javac's probes cost half its plain run so).
     */
    void recordTimed(long nanos, int weight) {
        timedCalls++;
        if (nanos < minNanos) {
            minNanos = nanos;
        }
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
        latencies.record(nanos, weight);
        windowNanos += nanos;
        windowWeight += weight;
        if (++windowCalls == window) {
            if (!pinned) {
                interval = ProbeCosts.intervalFor(windowOwnNanos(), (double) windowTimedLines / windowCalls);
            }
            windowCalls = 0;
            windowNanos = 0;
            windowWeight = 0;
            windowCalleeNanos = 0;
            windowTimedLines = 0;
            window = Math.min(DECISION_WINDOW, 2 * window);
        }
    }

    /** The window's mean time per call less its mean time per call in callees; at least 0. */
    private long windowOwnNanos() {
        long mean = windowNanos / windowCalls;
        long inCallees = windowCalleeNanos / windowWeight;
        return Math.max(0, mean - inCallees);
    }

    public long exceptions() {
        return exceptions;
    }

    /** Calls that were timed on this thread. */
    public long timedCalls() {
        return timedCalls;
    }

    /** Shortest timed call in ns (probe cost subtracted), or {@code Long.MAX_VALUE} if none ended. */
    public long minNanos() {
        return minNanos;
    }

    /** Longest timed call in ns (probe cost subtracted), or {@code Long.MIN_VALUE} if none ended. */
    public long maxNanos() {
        return maxNanos;
    }

    /** The latencies of the timed calls, each counted as often as the calls it stands for. */
    public LatencyBuckets latencies() {
        return latencies;
    }

    /** The current sampling interval: 1 if every call is timed. */
    public int samplingInterval() {
        return interval;
    }
}
