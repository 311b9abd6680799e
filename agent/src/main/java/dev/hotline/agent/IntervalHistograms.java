package dev.hotline.agent;

import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns successive cumulative snapshots into per-interval histograms: the calls that ended between
 * two flushes are the later histogram minus the earlier one, bucket by bucket. Keeps the intervals
 * (compressed in the dump) so a report can show latency over the run, JIT warm-up included.
 *
 * <p>Thread-safety: called by the flush thread and the shutdown hook; every method synchronizes.
 */
final class IntervalHistograms {

    private final Map<String, Histogram> previous = new HashMap<>();
    private final List<IntervalProfile> intervals = new ArrayList<>();
    private long previousMillis;

    IntervalHistograms(long startMillis) {
        this.previousMillis = startMillis;
    }

    /** Records the interval that ends with {@code snapshot}; returns every interval so far. */
    synchronized List<IntervalProfile> close(Profile snapshot, long nowMillis) {
        Map<String, Histogram> delta = new LinkedHashMap<>();
        for (MethodProfile m : snapshot.methods()) {
            String key = m.method().key();
            Histogram now = m.histogram().copy();
            Histogram interval = now.copy();
            Histogram before = previous.get(key);
            if (before != null) {
                interval.subtract(before);
            }
            if (interval.getTotalCount() > 0) {
                delta.put(key, interval);
            }
            previous.put(key, now);
        }
        intervals.add(new IntervalProfile(previousMillis, nowMillis, delta));
        previousMillis = nowMillis;
        return List.copyOf(intervals);
    }
}
