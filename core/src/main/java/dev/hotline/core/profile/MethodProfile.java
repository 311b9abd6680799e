package dev.hotline.core.profile;

import dev.hotline.core.probe.MethodRef;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one method across all threads: exact counts and times, and the latency
 * of every call in an HdrHistogram (ns, 2 significant digits). Min and max are exact.
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
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos = Long.MIN_VALUE;
    private final Histogram histogram;

    public MethodProfile(MethodRef method) {
        this(method, newHistogram());
    }

    public MethodProfile(MethodRef method, Histogram histogram) {
        this.method = method;
        this.histogram = histogram;
    }

    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS); // auto-resizing, lowest discernible value 1 ns
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

    /** Exact shortest call, or 0 if no call ended. */
    public long minNanos() {
        return calls == 0 ? 0 : minNanos;
    }

    /** Exact longest call, or 0 if no call ended. */
    public long maxNanos() {
        return calls == 0 ? 0 : maxNanos;
    }

    public Histogram histogram() {
        return histogram;
    }

    /**
     * The latency at {@code percentile} (0..100): HdrHistogram's value, the top of its bucket, kept
     * within the exact min and max. 0 if no call ended.
     */
    public long percentileNanos(double percentile) {
        if (calls == 0 || histogram.getTotalCount() == 0) {
            return 0;
        }
        long value = histogram.getValueAtPercentile(percentile);
        return Math.max(minNanos(), Math.min(maxNanos(), value));
    }
}
