package dev.hotline.runtime;

/**
 * Test-only access to {@link LatencyBuckets#record(long)}, which is package-private because only
 * {@link MethodCounters} may call it in production. Lives in the runtime's package on the test class
 * path (same class loader, no module boundary), so core's tests can record exact values.
 */
public final class LatencyBucketsAccess {

    private LatencyBucketsAccess() {
    }

    public static void record(LatencyBuckets buckets, long value) {
        buckets.record(value);
    }

    /** Records {@code value} {@code count} times, as a sampled call that stands for {@code count} calls does. */
    public static void record(LatencyBuckets buckets, long value, int count) {
        buckets.record(value, count);
    }

    /** Buckets that keep no first samples: every value goes into a bucket, for tests of the layout. */
    public static LatencyBuckets bucketsOnly() {
        return new LatencyBuckets(0);
    }
}
