package dev.hotline.core.profile;

import dev.hotline.core.probe.LineRef;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one source line of one method across all threads: exact hits, the
 * total time spent on the line (entering it until entering the next line or leaving the method,
 * callees included) and the distribution of the time per hit. A line counted without times
 * ({@code linehits=}) has hits only: {@link #timed()} is false and its times are not zero but unknown.
 */
public final class LineProfile {

    private final LineRef line;
    private long hits;
    private long totalNanos;
    /** Whether {@link #addTiming} was called: else every hit counts as timed and the time as measured. */
    private boolean timing;
    private long timedHits;
    private long measuredNanos;
    private final Latencies latencies;
    private boolean timed;

    /** A timed line. */
    public LineProfile(LineRef line) {
        this(line, Latencies.none(), true);
    }

    public LineProfile(LineRef line, Histogram histogram) {
        this(line, Latencies.in(histogram), true);
    }

    public LineProfile(LineRef line, Histogram histogram, boolean timed) {
        this(line, Latencies.in(histogram), timed);
    }

    private LineProfile(LineRef line, Latencies latencies, boolean timed) {
        this.line = line;
        this.latencies = latencies;
        this.timed = timed;
    }

    /** A line with no hits yet, timed or not as {@code timed} says. */
    public static LineProfile empty(LineRef line, boolean timed) {
        return new LineProfile(line, Latencies.none(), timed);
    }

    /** A line counted without times. */
    public static LineProfile countedOnly(LineRef line) {
        return empty(line, false);
    }

    /** A timed line whose latencies stay in {@code source} until asked for (see {@link MethodProfile#deferred}). */
    public static LineProfile deferred(LineRef line, LatencySource source) {
        return new LineProfile(line, Latencies.from(source), true);
    }

    /** Whether times were recorded; false: hits only ({@code linehits=}), times unknown. */
    public boolean timed() {
        return timed;
    }

    /** Adds another record of the same line; the sum is timed only if both are. */
    public void addAll(LineProfile other) {
        addCounts(other);
        latencies.addNow(other.latencies);
    }

    /** Adds {@code other}'s hits now and its latencies when read: {@code other} must stay as it is until then. */
    public void addAllLater(LineProfile other) {
        addCounts(other);
        latencies.addLater(other.latencies);
    }

    private void addCounts(LineProfile other) {
        add(other.hits, other.totalNanos);
        addTiming(other.timedHits(), other.measuredNanos());
        timed &= other.timed;
    }

    public void add(long hits, long totalNanos) {
        this.hits += hits;
        this.totalNanos += totalNanos;
    }

    /**
     * Adds how the hits were timed: how many were timed (the hits of timed invocations) and the raw
     * time, probe cost included. A dump older than format 1.2 passes every hit as timed.
     */
    public void addTiming(long timedHits, long measuredNanos) {
        this.timing = true;
        this.timedHits += timedHits;
        this.measuredNanos += measuredNanos;
    }

    /** Hits whose time was measured; fewer than {@link #hits} when the method's timing is sampled. */
    public long timedHits() {
        return timing ? timedHits : hits;
    }

    /** Whether the time is an estimate from a sample of the hits. */
    public boolean sampled() {
        return timed && timedHits() < hits;
    }

    /** The line's time as measured, probe cost included. */
    public long measuredNanos() {
        return timing ? measuredNanos : totalNanos;
    }

    public LineRef line() {
        return line;
    }

    public long hits() {
        return hits;
    }

    public long totalNanos() {
        return totalNanos;
    }

    /** The time per hit, read from where it is kept the first time this is called. */
    public Histogram histogram() {
        return latencies.histogram();
    }

    /** Adds the time per hit into {@code into}, without making this line's own histogram. */
    public void addLatenciesTo(Histogram into) {
        latencies.addTo(into);
    }

    /**
     * The time per hit for one read, kept by nobody: a histogram held is returned as it is; latencies still
     * in their source are read into {@code scratch.apply(largest value, or -1 if unknown)}, an empty
     * histogram the caller gives (a dump writer reuses one per size) or makes ({@link
     * MethodProfile#newHistogram(long)}).
     */
    public Histogram latenciesOnce(java.util.function.LongFunction<Histogram> scratch) {
        return latencies.once(scratch);
    }

    /** The time per hit at {@code percentile} (HdrHistogram's value, the top of its bucket); 0 without hits. */
    /**
     * The relative error (0.1 = 10 %) at 95 % of the time estimate when it comes from a sample of
     * the hits ({@link #sampled}; see {@link SamplingError}); 0 when every hit was timed.
     */
    public double relativeError() {
        return sampled() ? SamplingError.relative(histogram(), timedHits(), hits) : 0;
    }

    public long percentileNanos(double percentile) {
        Histogram histogram = histogram();
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }
}
