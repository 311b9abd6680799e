package dev.hotline.core.profile;

import dev.hotline.core.probe.MethodRef;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one method across all threads: exact counts, times and the latency of its
 * calls in an HdrHistogram (ns, 2 significant digits).
 *
 * <p>Times are the program's own: the agent subtracts the calibrated cost of its probes
 * ({@link #totalNanos}, {@link #selfNanos}, the histogram, min and max); the raw figures are kept
 * beside them ({@link #measuredTotalNanos}, {@link #measuredSelfNanos}). When the method's timing is
 * sampled ({@link #sampled}: fewer {@link #timedCalls} than calls), the times are estimates from the
 * timed calls, each standing for the calls it was drawn from; min and max are then those of the
 * timed calls. Counts are exact either way.
 *
 * <p>Not thread-safe; built by one thread (a flush or a dump reader).
 */
public final class MethodProfile {

    /** Significant digits of every latency histogram: under 1% error, 1 KB per bucket used. */
    public static final int SIGNIFICANT_DIGITS = 2;

    private final MethodRef method;
    private long calls;
    private long exceptions;
    private long totalNanos;
    private long selfNanos;
    /** Whether {@link #addTiming} was called: else every call counts as timed and the times as measured. */
    private boolean timing;
    private long timedCalls;
    private long measuredTotalNanos;
    private long measuredSelfNanos;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos = Long.MIN_VALUE;
    private final Latencies latencies;

    /** A method with no calls yet; its histogram is made when first asked for. */
    public MethodProfile(MethodRef method) {
        this(method, Latencies.none());
    }

    /** @param histogram its latencies (kept, not copied: methods without latencies may share an empty one) */
    public MethodProfile(MethodRef method, Histogram histogram) {
        this(method, Latencies.in(histogram));
    }

    private MethodProfile(MethodRef method, Latencies latencies) {
        this.method = method;
        this.latencies = latencies;
    }

    /**
     * A method whose latencies stay in {@code source} until they are asked for: a dump writer
     * {@linkplain #addLatenciesTo adds them} into one scratch histogram a method at a time.
     */
    public static MethodProfile deferred(MethodRef method, LatencySource source) {
        return new MethodProfile(method, Latencies.from(source));
    }

    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS); // auto-resizing, lowest discernible value 1 ns
    }

    /**
     * An auto-resizing histogram made at once with the size one that grew to hold {@code maxValue}
     * would have; {@link #newHistogram()} if {@code maxValue} is not known (negative).
     */
    public static Histogram newHistogram(long maxValue) {
        if (maxValue < 2) {
            return newHistogram();
        }
        Histogram sized = new Histogram(1, maxValue, SIGNIFICANT_DIGITS);
        sized.setAutoResize(true);
        return sized;
    }

    /** Adds counts recorded elsewhere (another thread, another dump); min and max combine. */
    public void add(long calls, long exceptions, long totalNanos, long selfNanos, long minNanos, long maxNanos) {
        this.calls += calls;
        this.exceptions += exceptions;
        this.totalNanos += totalNanos;
        this.selfNanos += selfNanos;
        if (calls > 0) {
            this.minNanos = Math.min(this.minNanos, minNanos);
            this.maxNanos = Math.max(this.maxNanos, maxNanos);
        }
    }

    /**
     * Adds how the calls were timed: how many were timed, and the raw (probe cost included)
     * inclusive and self times. A dump older than format 1.2 has no such figures: its reader passes
     * every call as timed and the times as measured.
     */
    public void addTiming(long timedCalls, long measuredTotalNanos, long measuredSelfNanos) {
        this.timing = true;
        this.timedCalls += timedCalls;
        this.measuredTotalNanos += measuredTotalNanos;
        this.measuredSelfNanos += measuredSelfNanos;
    }

    /** Adds everything {@code other} holds, its latencies copied; {@code other} is unchanged. */
    public void addAll(MethodProfile other) {
        addCounts(other);
        latencies.addNow(other.latencies);
    }

    /**
     * Adds {@code other}'s counts now and its latencies when they are read: {@code other} must stay
     * as it is until then. A snapshot adds the totals of ended threads so, copying no histogram.
     */
    public void addAllLater(MethodProfile other) {
        addCounts(other);
        latencies.addLater(other.latencies);
    }

    private void addCounts(MethodProfile other) {
        add(other.calls, other.exceptions, other.totalNanos, other.selfNanos, other.minNanos, other.maxNanos);
        addTiming(other.timedCalls(), other.measuredTotalNanos(), other.measuredSelfNanos());
    }

    public MethodRef method() {
        return method;
    }

    public long calls() {
        return calls;
    }

    public long exceptions() {
        return exceptions;
    }

    /** Inclusive time of the outermost activations (recursive calls are not counted twice). */
    public long totalNanos() {
        return totalNanos;
    }

    /** Time in the method itself: inclusive time minus the time of instrumented callees. */
    public long selfNanos() {
        return selfNanos;
    }

    /** Calls that were timed: all of them unless the timing was sampled. */
    public long timedCalls() {
        return timing ? timedCalls : calls;
    }

    /** Whether the times are estimates from a sample of the calls (adaptive timing). */
    public boolean sampled() {
        return timedCalls() < calls;
    }

    /** Inclusive time as measured, the probes' cost included. */
    public long measuredTotalNanos() {
        return timing ? measuredTotalNanos : totalNanos;
    }

    /** Self time as measured, the probes' cost included. */
    public long measuredSelfNanos() {
        return timing ? measuredSelfNanos : selfNanos;
    }

    /** What the probes added to this method's self time, as subtracted: measured minus own self time. */
    public long overheadNanos() {
        return measuredSelfNanos() - selfNanos;
    }

    /**
     * The relative error (0.1 = 10 %) at 95 % confidence of the time estimates of a sampled method,
     * from the spread of its timed calls ({@link SamplingError}); 0 when every call was timed.
     */
    public double relativeError() {
        return sampled() ? SamplingError.relative(histogram(), timedCalls(), calls) : 0;
    }

    /** Exact shortest call, or 0 if no call ended. */
    public long minNanos() {
        return calls == 0 ? 0 : minNanos;
    }

    /** Exact longest call, or 0 if no call ended. */
    public long maxNanos() {
        return calls == 0 ? 0 : maxNanos;
    }

    /** The latencies, read from where they are kept the first time this is called. */
    public Histogram histogram() {
        return latencies.histogram();
    }

    /** Adds the latencies into {@code into}, without making this profile's own histogram. */
    public void addLatenciesTo(Histogram into) {
        latencies.addTo(into);
    }

    /**
     * Makes {@code source} this method's latencies from now on: what a dump with intervals does,
     * having read the latencies once for the interval, so that the histogram it writes is the one
     * the intervals add up to (a running thread may end another call between two reads).
     */
    public void replaceLatencies(LatencySource source) {
        latencies.replace(source);
    }

    /**
     * The latencies for one read, kept by nobody: a histogram held is returned as it is; latencies still
     * in their source are read into {@code scratch.apply(largest value, or -1 if unknown)}, an empty
     * histogram the caller gives (a dump writer reuses one per size) or makes ({@link
     * MethodProfile#newHistogram(long)}).
     */
    public Histogram latenciesOnce(java.util.function.LongFunction<Histogram> scratch) {
        return latencies.once(scratch);
    }

    /**
     * Whether there are latencies to take percentiles of: false without calls, and for a dump
     * that left the histograms out (a full heap at exit: {@code dump.leftOut}), where
     * {@link #percentileNanos} is 0 for want of data, not a latency.
     */
    public boolean hasLatencies() {
        return calls > 0 && histogram().getTotalCount() > 0;
    }

    /**
     * The latency at {@code percentile} (0..100): HdrHistogram's value, the top of its bucket, kept
     * within the exact min and max. 0 if no call ended.
     */
    public long percentileNanos(double percentile) {
        Histogram histogram = histogram();
        if (calls == 0 || histogram.getTotalCount() == 0) {
            return 0;
        }
        long value = histogram.getValueAtPercentile(percentile);
        return Math.max(minNanos(), Math.min(maxNanos(), value));
    }
}
