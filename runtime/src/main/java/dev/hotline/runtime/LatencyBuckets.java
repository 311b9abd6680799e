package dev.hotline.runtime;

/**
 * A latency histogram with exactly HdrHistogram's bucket layout for {@code lowestDiscernibleValue = 1}
 * and {@code numberOfSignificantValueDigits = 2} (256 sub-buckets, relative error under 1%), so a flush
 * converts it into an {@code org.HdrHistogram.Histogram} without loss. It exists because this class
 * lives in the bootstrap loader and may not reference HdrHistogram itself.
 *
 * <p>The first {@link #FIRST_SAMPLES} values are kept as they are, with no bucket at all: most
 * methods of a program run only a few times on a given thread, and for them a bucket of 0.5-1 KB would
 * be most of what the agent costs (benchmarks/run measured 2.6 KB per method run once before this).
 * Later values go into buckets, allocated lazily the first time a value falls into them: 128 counts
 * each, the first (values 0..255 ns) 256 counts. Counts are ints (a bucket is 528 bytes): a
 * bucket in which one count would pass {@code Integer.MAX_VALUE} is widened to longs, out of line,
 * and its int array replaced by {@link #WIDE}, so no count is ever lost or wrapped. (With long
 * counts the buckets were a third of javac's live heap under the agent: 33 of 92 MB, 1 KB per
 * bucket; with ints 16 of 77 MB, {@code jmap -histo:live} 12 s into the run.) A method whose calls take 20 ns to 20 µs uses
 * about 5 KB, not HdrHistogram's fixed 37 KB. Recording costs a leading-zero count, a shift, an
 * overflow test and an increment; once the buckets exist, the first samples cost the hot path
 * nothing.
 *
 * <p>Thread-safety: written by the owning thread only. The count of first samples is published
 * with release/acquire ordering, so a reader on another thread never sees a sample slot counted
 * before its value is written; so is a widened bucket (its long counts before its {@link #WIDE}
 * mark).
 */
public final class LatencyBuckets {

    /** Values kept as they are before any bucket is made. */
    public static final int FIRST_SAMPLES = 4;
    private static final java.lang.invoke.VarHandle FIRST_COUNT;

    static {
        try {
            FIRST_COUNT = java.lang.invoke.MethodHandles.lookup().findVarHandle(LatencyBuckets.class, "firstCount",
                    int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** log2 of half the sub-bucket count: 2 significant digits need 256 sub-buckets. */
    public static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = 7;
    public static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = (2L << SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
    private static final int LEADING_ZERO_COUNT_BASE = 64 - SUB_BUCKET_HALF_COUNT_MAGNITUDE - 1;
    /** Enough buckets for any non-negative long: the largest, 2^63 - 1, lands in bucket 55. */
    public static final int BUCKET_COUNT = LEADING_ZERO_COUNT_BASE;

    /** The int counts of a bucket that was widened: its counts are in {@link #wide}. */
    private static final int[] WIDE = new int[0];

    private final long[] first;
    private int firstCount;
    private int[][] buckets;
    /** The long counts of the buckets widened (null until one is), by bucket. */
    private long[][] wide;

    public LatencyBuckets() {
        this(FIRST_SAMPLES);
    }

    /** @param firstSamples values to keep as they are before making buckets (tests use 0) */
    LatencyBuckets(int firstSamples) {
        this.first = new long[firstSamples];
    }

    void record(long value) {
        record(value, 1);
    }

    /**
     * A copy as of now, for a reader on another thread that must not see later values (a dump
     * takes one of a thread still running, so the counts it captured and the latencies it writes
     * later agree). The same size as this: a few first samples, and the buckets used.
     */
    public LatencyBuckets copy() {
        LatencyBuckets copy = new LatencyBuckets(first.length);
        int n = firstSampleCount(); // acquire: the samples counted are written
        System.arraycopy(first, 0, copy.first, 0, n);
        copy.firstCount = n;
        int[][] all = buckets;
        if (all != null) {
            copy.buckets = new int[BUCKET_COUNT][];
            for (int b = 0; b < BUCKET_COUNT; b++) {
                int[] counts = all[b];
                if (counts == WIDE) {
                    if (copy.wide == null) {
                        copy.wide = new long[BUCKET_COUNT][];
                    }
                    copy.wide[b] = wideCounts(b).clone();
                    copy.buckets[b] = WIDE;
                } else if (counts != null) {
                    copy.buckets[b] = counts.clone();
                }
            }
        }
        return copy;
    }

    /**
     * Records {@code value} {@code count} times (a sampled call stands for the calls it was drawn
     * from). Only single values are kept as first samples; a weighted one goes to the buckets.
     */
    void record(long value, int count) {
        if (value < 0) {
            value = 0; // callers clamp; guard anyway, a histogram index must not be negative
        }
        int[][] all = buckets;
        if (all == null) { // still keeping first samples, or about to make the buckets
            int n = firstCount;
            if (n < first.length && count == 1) {
                first[n] = value;
                FIRST_COUNT.setRelease(this, n + 1);
                return;
            }
            try {
                all = buckets = new int[BUCKET_COUNT][];
            } catch (OutOfMemoryError e) {
                return; // lose this sample rather than throw into the application
            }
        }
        int bucket = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
        int[] counts = all[bucket];
        if (counts == null) {
            try {
                counts = all[bucket] = new int[lengthOf(bucket)];
            } catch (OutOfMemoryError e) {
                // The heap is full: lose this sample rather than throw into the application. The loss
                // shows as a histogram count below the call count.
                return;
            }
        }
        int subBucket = (int) (value >>> bucket);
        int index = bucket == 0 ? subBucket : subBucket - SUB_BUCKET_HALF_COUNT;
        if (counts != WIDE) {
            int sum = counts[index] + count; // count is positive: a sum below 0 passed Integer.MAX_VALUE
            if (sum >= 0) {
                counts[index] = sum;
                return;
            }
        }
        recordWide(bucket, index, count);
    }

    /** Adds {@code count} to a bucket kept in longs, widening it first if it is still in ints. */
    private void recordWide(int bucket, int index, int count) {
        try {
            long[][] w = wide;
            if (w == null) {
                w = wide = new long[BUCKET_COUNT][];
            }
            int[] counts = buckets[bucket];
            if (counts != WIDE) {
                long[] widened = new long[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    widened[i] = counts[i];
                }
                w[bucket] = widened;
                java.lang.invoke.VarHandle.releaseFence(); // a reader that sees the mark sees the counts
                buckets[bucket] = WIDE;
            }
            w[bucket][index] += count;
        } catch (OutOfMemoryError e) {
            // lose this sample rather than throw into the application (shows as a count below the calls')
        }
    }

    /**
     * How many counts bucket {@code bucket} has (256 for bucket 0, else 128), or 0 if nothing was
     * recorded in it. Entry {@code i} counts the values equivalent to {@link #valueAt(int, int)
     * valueAt(bucket, i)}: {@link #count}.
     */
    public int bucketLength(int bucket) {
        int[][] all = buckets;
        return all == null || all[bucket] == null ? 0 : lengthOf(bucket);
    }

    /** How many counts bucket {@code bucket} holds once made: the first twice as many as the rest. */
    private static int lengthOf(int bucket) {
        return bucket == 0 ? 2 * SUB_BUCKET_HALF_COUNT : SUB_BUCKET_HALF_COUNT;
    }

    /** The long counts of a bucket marked {@link #WIDE}, read after the mark (its counts were written before it). */
    private long[] wideCounts(int bucket) {
        java.lang.invoke.VarHandle.acquireFence();
        return wide[bucket];
    }

    /** Entry {@code index} of bucket {@code bucket}, which {@link #bucketLength} says exists. */
    public long count(int bucket, int index) {
        int[] counts = buckets[bucket];
        return counts == WIDE ? wideCounts(bucket)[index] : counts[index];
    }

    /** The counts of bucket {@code bucket} as a new array, or null if nothing was recorded in it. */
    public long[] bucket(int bucket) {
        int n = bucketLength(bucket);
        if (n == 0) {
            return null;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = count(bucket, i);
        }
        return out;
    }

    /** How many values were kept as they are ({@link #firstSample}); the rest are in the buckets. */
    public int firstSampleCount() {
        return (int) FIRST_COUNT.getAcquire(this);
    }

    /** The {@code i}-th value recorded, for {@code i < firstSampleCount()}. */
    public long firstSample(int i) {
        return first[i];
    }

    /** The lowest value that lands in entry {@code index} of bucket {@code bucket}. */
    public static long valueAt(int bucket, int index) {
        int subBucket = bucket == 0 ? index : index + SUB_BUCKET_HALF_COUNT;
        return (long) subBucket << bucket;
    }
}
