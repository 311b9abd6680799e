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
}
