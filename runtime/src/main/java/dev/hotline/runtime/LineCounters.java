package dev.hotline.runtime;

/**
 * What one thread recorded for one source line of one method: exact hits and the time from
 * entering the line until entering the next one (or leaving the method), callees included, as
 * line_profiler attributes it.
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class LineCounters {

    long hits;
    long totalNanos;
    final LatencyBuckets latencies = new LatencyBuckets();

    void record(long elapsed) {
        hits++;
        totalNanos += elapsed;
        latencies.record(elapsed);
    }

    public long hits() {
        return hits;
    }

    public long totalNanos() {
        return totalNanos;
    }

    public LatencyBuckets latencies() {
        return latencies;
    }
}
