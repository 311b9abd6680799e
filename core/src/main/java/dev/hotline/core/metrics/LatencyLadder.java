package dev.hotline.core.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The fixed bucket bounds of every method's latency histogram on the endpoint: 100 ns to 10 s in
 * steps of 1, 2.5 and 5 per decade (Prometheus' own default ladder, extended down to where method
 * calls live), then {@code +Inf}. One ladder for every method, so {@code histogram_quantile} and
 * sums across methods and JVMs work, and 27 series per method at most.
 *
 * <p>The counts come from the method's HdrHistogram (2 significant digits): a recorded value counts
 * under a bound when its HdrHistogram bucket starts at or below it, so a count may include calls up
 * to 1 % above the bound. Every count only grows as calls are recorded, as a Prometheus counter must.
 */
final class LatencyLadder {

    /** The bounds in nanoseconds. */
    static final long[] BOUNDS_NANOS = {
        100, 250, 500,
        1_000, 2_500, 5_000,
        10_000, 25_000, 50_000,
        100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000,
        10_000_000, 25_000_000, 50_000_000,
        100_000_000, 250_000_000, 500_000_000,
        1_000_000_000, 2_500_000_000L, 5_000_000_000L,
        10_000_000_000L};

    /**
     * The bounds in seconds as {@code le} label values, in OpenMetrics' canonical form (Go's
     * {@code %g}, with {@code .0} added to a whole number), the same in both formats so a series
     * keeps its labels whichever format the scraper asked for.
     */
    static final String[] LE = {
        "1e-07", "2.5e-07", "5e-07",
        "1e-06", "2.5e-06", "5e-06",
        "1e-05", "2.5e-05", "5e-05",
        "0.0001", "0.00025", "0.0005",
        "0.001", "0.0025", "0.005",
        "0.01", "0.025", "0.05",
        "0.1", "0.25", "0.5",
        "1.0", "2.5", "5.0",
        "10.0"};

    private LatencyLadder() {
    }

    /** One histogram's cumulative bucket counts (index i: calls of at most {@code BOUNDS_NANOS[i]}), its count and sum. */
    record Buckets(long[] cumulative, long count, long sumNanos) {
    }

    /**
     * The cumulative counts of {@code histogram} on the ladder; the sum is HdrHistogram's (each
     * bucket's count times its median value, what {@code getMean} uses), within 1 % of the values
     * recorded. Costs one pass over the histogram's recorded buckets.
     */
    static Buckets of(Histogram histogram) {
        long[] cumulative = new long[BOUNDS_NANOS.length];
        long count = 0;
        long sum = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            long value = v.getValueIteratedTo();
            long n = v.getCountAtValueIteratedTo();
            int first = firstBoundAtOrAbove(histogram.lowestEquivalentValue(value));
            if (first < cumulative.length) {
                cumulative[first] += n;
            }
            count += n;
            sum += histogram.medianEquivalentValue(value) * n; // ns over every thread: far from 2^63 in any real run
        }
        for (int i = 1; i < cumulative.length; i++) {
            cumulative[i] += cumulative[i - 1];
        }
        return new Buckets(cumulative, count, sum);
    }

    private static int firstBoundAtOrAbove(long nanos) {
        int low = 0;
        int high = BOUNDS_NANOS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (BOUNDS_NANOS[mid] < nanos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
