package dev.hotline.core.compare;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.MethodProfile;
import org.HdrHistogram.Histogram;

/**
 * One method in two profiles, and whether a change in a metric is more than the recorded spread
 * explains.
 *
 * <p>Percentiles: a distribution-free 95% confidence interval from each histogram (the order
 * statistics at ranks {@code n*p -/+ 1.96*sqrt(n*p*(1-p))}, widened to the histogram's bucket
 * edges); the change is noise when the two intervals overlap. Mean: a Welch-style test on the
 * histograms' means and standard deviations (1.96 standard errors). Calls, totals and self times
 * count every call exactly, so any change in them is real; max is one sample and never judged.
 *
 * @param before null if the method did not run before
 * @param after  null if it did not run after
 */
public record MethodChange(MethodRef method, MethodProfile before, MethodProfile after) {

    /**
     * Below this many calls in either run, {@code diff} marks a change as not judged ({@code ?}) and
     * {@code check} leaves the method out by default: the intervals say little with so few calls.
     */
    public static final int MIN_CALLS = 20;

    /** Relative change (0.1 = +10%); infinite for a method that is new, -1 for one that is gone. */
    public double relative(Metric metric) {
        if (before == null) {
            return Double.POSITIVE_INFINITY;
        }
        if (after == null) {
            return -1;
        }
        double b = metric.of(before);
        double a = metric.of(after);
        if (b == 0) {
            return a == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (a - b) / b;
    }

    /** Whether the change in {@code metric} is outside what the spread of the recorded calls explains. */
    public boolean significant(Metric metric) {
        if (before == null || after == null) {
            return true;
        }
        return switch (metric) {
            case P50, P90, P99 -> percentileDiffers(before.histogram(), after.histogram(), metric.percentile());
            case MEAN -> meanDiffers();
            case MAX -> false;
            case CALLS, TOTAL, SELF -> metric.of(before) != metric.of(after);
        };
    }

    private boolean meanDiffers() {
        Histogram b = before.histogram();
        Histogram a = after.histogram();
        return meansDiffer(b.getMean(), b.getStdDeviation(), b.getTotalCount(), a.getMean(), a.getStdDeviation(), a.getTotalCount());
    }

    /**
     * The Welch-style test of {@code mean}: whether two means of {@code n} draws each, with those
     * standard deviations, differ by more than 1.96 standard errors of their difference (no
     * degrees-of-freedom correction); never with fewer than 2 draws on either side.
     */
    public static boolean meansDiffer(double meanBefore, double sdBefore, double nBefore,
                                      double meanAfter, double sdAfter, double nAfter) {
        if (nBefore < 2 || nAfter < 2) {
            return false;
        }
        double se = Math.sqrt(sdBefore * sdBefore / nBefore + sdAfter * sdAfter / nAfter);
        return Math.abs(meanAfter - meanBefore) > 1.96 * se;
    }

    /** 95% confidence interval of the {@code percentile} of the distribution the histogram sampled. */
    static double[] interval(Histogram h, double percentile) {
        long n = h.getTotalCount();
        if (n == 0) {
            return new double[] {0, 0};
        }
        double p = percentile / 100;
        double spread = 1.96 * Math.sqrt(n * p * (1 - p));
        double lowRank = Math.max(1, Math.floor(n * p - spread));
        double highRank = Math.min(n, Math.ceil(n * p + spread) + 1);
        long low = h.lowestEquivalentValue(h.getValueAtPercentile(100.0 * (lowRank - 1) / n));
        long high = h.highestEquivalentValue(h.getValueAtPercentile(100.0 * highRank / n));
        return new double[] {low, high};
    }

    /** Whether the 95% confidence intervals of {@code percentile} of the two histograms are disjoint. */
    public static boolean percentileDiffers(Histogram before, Histogram after, double percentile) {
        double[] b = interval(before, percentile);
        double[] a = interval(after, percentile);
        return b[1] < a[0] || a[1] < b[0];
    }
}
