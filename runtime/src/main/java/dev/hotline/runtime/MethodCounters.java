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
    /**
     * Line probes entered in timed invocations on this thread, added to by the recorder; the call
     * window's and the line window's hits are its growth since each began.
     */
    long timedLineHits;
    /** {@link #timedLineHits} when the window of timed calls began. */
    private long windowStartHits;
    /**
     * What those line probes cost, in ps, summed by the recorder probe by probe (a skipped line
     * costs less than a timed one): what the lines add to a timed call, for the decision.
     */
    long windowLinePs;

    /** Sampled lines before the first line-sampling decision; the window doubles up to {@link #LINE_WINDOW}. */
    static final int FIRST_LINE_WINDOW = 8;
    /** Sampled lines between two line-sampling decisions, once the window has grown. */
    static final int LINE_WINDOW = 256;
    /**
     * 1 to time every line a timed invocation enters, else L: time one line in L (at random), the
     * others only counted (they are counted inline whatever is timed). Chosen from the mean own time
     * of a line hit against a line probe's cost ({@link ProbeCosts#lineIntervalFor}), so that a
     * method that is called rarely but runs a long loop (timed, as its calls are rare) does not read
     * the clock at every line of it.
     */
    int lineInterval = 1;
    /** Keeps {@link #lineInterval} as it is set (the calibration pins one). */
    boolean linePinned;
    /** Draws every countdown as exactly {@link #lineInterval} rather than at random (the calibration's). */
    boolean lineRegular;
    /** Line probes of timed invocations left until the next sampled line: it is sampled at 0. */
    int lineCountdown = 1;
    /** The interval {@link #lineCountdown} was drawn with: how many line hits its sampled line stands for. */
    int lineDrawn = 1;
    private int lineWindow = FIRST_LINE_WINDOW;
    /** {@link #timedLineHits} when the line window began. */
    private long lineWindowStartHits;
    /**
     * The time of the instrumented calls made from timed invocations since the line window began
     * (each timed call of theirs weighted by the calls it stands for), added to by the recorder:
     * a line's time holds its callees', which are the callees' own to account for.
     */
    long lineWindowCalleeNanos;
    private int lineWindowSampled;
    private long lineWindowNanos;

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
                interval = ProbeCosts.intervalFor(windowOwnNanos(), (double) (timedLineHits - windowStartHits) / windowCalls,
                        (double) windowLinePs / windowCalls);
            }
            windowCalls = 0;
            windowNanos = 0;
            windowWeight = 0;
            windowCalleeNanos = 0;
            windowStartHits = timedLineHits;
            windowLinePs = 0;
            window = Math.min(DECISION_WINDOW, 2 * window);
        }
    }

    /**
     * A sampled line (a line of a timed invocation whose countdown ran out) took {@code nanos}
     * (probe cost subtracted, callees included). At the end of each window of sampled lines
     * ({@link #FIRST_LINE_WINDOW}, twice that, ..., then every {@link #LINE_WINDOW}), the line
     * interval is chosen again from the mean own time of a line hit: the sampled lines' mean less
     * the time per hit spent in instrumented callees (a line calling a long method is long, but
     * that time is the callee's: sized against it, every level of a call chain would take the
     * budget's share of the same time).
     */
    void recordSampledLine(long nanos) {
        lineWindowNanos += nanos;
        if (++lineWindowSampled == lineWindow) {
            if (!linePinned) {
                double own = (double) lineWindowNanos / lineWindowSampled
                        - (double) lineWindowCalleeNanos / Math.max(1, timedLineHits - lineWindowStartHits);
                lineInterval = ProbeCosts.lineIntervalFor(Math.max(0, own));
            }
            lineWindowSampled = 0;
            lineWindowNanos = 0;
            lineWindowStartHits = timedLineHits;
            lineWindowCalleeNanos = 0;
            lineWindow = Math.min(LINE_WINDOW, 2 * lineWindow);
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

    /** The current line sampling interval of timed invocations: 1 if every line they enter is timed. */
    public int lineSamplingInterval() {
        return lineInterval;
    }
}
