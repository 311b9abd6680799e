package dev.hotline.runtime;

/**
 * What one thread timed of one source line of one method: the time from entering the line until
 * entering the next one (or leaving the method), callees included, as line_profiler attributes it,
 * probe cost subtracted. A line is timed in the invocations of its method that are timed; each timed
 * hit is weighted by the sampling interval of that invocation, so the time is an estimate of all
 * hits' time (and exact when every invocation is timed). The hits themselves, every one of them, are
 * counted by the instrumented code in the method's hit counters ({@link ThreadRecorder#lineHitsOf}).
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class LineCounters {

    long timedHits;
    long totalNanos;
    long measuredNanos;
    final LatencyBuckets latencies = new LatencyBuckets();

    void record(long nanos, long measured, int weight) {
        timedHits++;
        totalNanos += nanos * weight;
        measuredNanos += measured * weight;
        latencies.record(nanos < 0 ? 0 : nanos, weight); // the recorder counts the clamp
    }

    /** Hits that were timed. */
    public long timedHits() {
        return timedHits;
    }

    /** Estimated time of all hits, probe cost subtracted. */
    public long totalNanos() {
        return totalNanos;
    }

    /** Estimated time of all hits as measured, probe cost included. */
    public long measuredNanos() {
        return measuredNanos;
    }

    public LatencyBuckets latencies() {
        return latencies;
    }
}
