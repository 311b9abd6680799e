package dev.hotline.core.profile;

import org.HdrHistogram.Histogram;

/**
 * Latencies kept elsewhere (the runtime's per-thread buckets), added into a histogram when a
 * writer asks for them: see {@link MethodProfile#deferred}.
 */
@FunctionalInterface
public interface LatencySource {

    /** Adds every latency into {@code into}. */
    void addTo(Histogram into);

    /**
     * The largest value {@link #addTo} adds, or -1 if it is not known: a histogram made for it can
     * then be sized once (an auto-resizing one grows step by step, a new counts array each time,
     * some 30 KB of garbage for a method whose calls reach microseconds).
     */
    default long maxValue() {
        return -1;
    }
}
