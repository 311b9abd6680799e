package dev.hotline.runtime;

/**
 * What one thread recorded for one method: exact counts, times and the latency distribution.
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class MethodCounters {

    long calls;
    long exceptions;
    /** Inclusive time, counted for outermost activations only, so recursion is not counted twice. */
    long totalNanos;
    long selfNanos;
    long minNanos = Long.MAX_VALUE;
    long maxNanos = Long.MIN_VALUE;
    /** Open activations of this method on the owning thread (recursion depth). */
    int active;
    final LatencyBuckets latencies = new LatencyBuckets();

    void record(long elapsed, long self, boolean thrown) {
        calls++;
        if (thrown) {
            exceptions++;
        }
        if (--active == 0) {
            totalNanos += elapsed;
        }
        selfNanos += self;
        if (elapsed < minNanos) {
            minNanos = elapsed;
        }
        if (elapsed > maxNanos) {
            maxNanos = elapsed;
        }
        latencies.record(elapsed);
    }

    public long calls() {
        return calls;
    }

    public long exceptions() {
        return exceptions;
    }

    public long totalNanos() {
        return totalNanos;
    }

    public long selfNanos() {
        return selfNanos;
    }

    /** Shortest call in ns, or {@code Long.MAX_VALUE} if no call ended. */
    public long minNanos() {
        return minNanos;
    }

    /** Longest call in ns, or {@code Long.MIN_VALUE} if no call ended. */
    public long maxNanos() {
        return maxNanos;
    }

    public LatencyBuckets latencies() {
        return latencies;
    }
}
