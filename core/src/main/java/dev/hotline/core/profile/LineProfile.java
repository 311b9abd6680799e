package dev.hotline.core.profile;

import dev.hotline.core.probe.LineRef;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one source line of one method across all threads: exact hits, the
 * total time spent on the line (entering it until entering the next line or leaving the method,
 * callees included) and the distribution of the time per hit.
 */
public final class LineProfile {

    private final LineRef line;
    private long hits;
    private long totalNanos;
    private final Histogram histogram;

    public LineProfile(LineRef line) {
        this(line, MethodProfile.newHistogram());
    }

    public LineProfile(LineRef line, Histogram histogram) {
        this.line = line;
        this.histogram = histogram;
    }

    public void add(long hits, long totalNanos) {
        this.hits += hits;
        this.totalNanos += totalNanos;
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

    public Histogram histogram() {
        return histogram;
    }

    /** The time per hit at {@code percentile} (HdrHistogram's value, the top of its bucket); 0 without hits. */
    public long percentileNanos(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }
}
