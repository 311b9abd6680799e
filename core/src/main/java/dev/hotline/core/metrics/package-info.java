/**
 * The live metrics endpoint's content: a {@link dev.hotline.core.profile.Profile} as the Prometheus
 * text exposition format 0.0.4 or OpenMetrics 1.0 ({@link dev.hotline.core.metrics.ExpositionFormat},
 * chosen from the scraper's {@code Accept} header), written by
 * {@link dev.hotline.core.metrics.MetricsExposition}: per-method call and exception counters,
 * latency histograms on a fixed ladder of buckets ({@link dev.hotline.core.metrics.LatencyLadder}),
 * self times, and hotline's own probe cost. Pure data to text: the agent's {@code MetricsEndpoint}
 * serves it over HTTP; the tests render profiles they build.
 */
package dev.hotline.core.metrics;
