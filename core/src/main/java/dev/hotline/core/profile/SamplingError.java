package dev.hotline.core.profile;

import org.HdrHistogram.Histogram;

/**
 * The error of a time estimated from a sample: of a method whose calls were timed one in N, or of
 * a line whose hits were. At 95 %, relative to the estimate: {@code 1.96 × cv / √timed ×
 * √(1 − timed / all)}, with {@code cv} the coefficient of variation of the timed values (their
 * histogram, each counted as often as the events it stands for) and the finite-population factor
 * for a sample of {@code timed} out of {@code all}.
 */
final class SamplingError {

    private SamplingError() {
    }

    /** 0 when every event was timed, none was, or the histogram has no spread to go by. */
    static double relative(Histogram timedValues, long timed, long all) {
        if (timed <= 0 || timed >= all || timedValues.getTotalCount() == 0) {
            return 0;
        }
        double mean = timedValues.getMean();
        if (mean <= 0) {
            return 0;
        }
        double cv = timedValues.getStdDeviation() / mean;
        return 1.96 * cv / Math.sqrt(timed) * Math.sqrt(1 - (double) timed / all);
    }
}
