package dev.hotline.core.profile;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The latencies recorded in one interval of a run (agent option {@code interval=}): per method
 * (keyed {@code pkg.Cls.name(desc)}), a histogram of the calls that ended in the interval.
 */
public record IntervalProfile(long startMillis, long endMillis, Map<String, Histogram> histograms) {
}
