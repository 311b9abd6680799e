package dev.hotline.agent;

import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.LatencySource;
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
 * <p>Memory: one method at a time is decoded. What it keeps of the last snapshot is each method's
 * cumulative histogram compressed (tens to hundreds of bytes, not a 10 KB counts array) and its
 * call count, so a method with no new call since is skipped without reading its latencies. The
 * snapshot's methods are given those compressed histograms as their latencies, so the dump's
 * histogram of a method is exactly the sum of its intervals.
 *
 * <p>Thread-safety: called by the flush thread and the shutdown hook; every method synchronizes.
 */
final class IntervalHistograms {

    /** A method's cumulative latencies at the last flush, compressed, and its calls then. */
    private record Previous(long calls, byte[] encoded, long maxValue) implements LatencySource {
        @Override
        public void addTo(Histogram into) {
            into.add(IntervalProfile.decode(encoded));
        }
    }

    private final Map<String, Previous> previous = new HashMap<>();
    private final List<IntervalProfile> intervals = new ArrayList<>();
    private long previousMillis;

    IntervalHistograms(long startMillis) {
        this.previousMillis = startMillis;
    }

    /** Records the interval that ends with {@code snapshot}; returns every interval so far. */
    synchronized List<IntervalProfile> close(Profile snapshot, long nowMillis) {
        Map<String, byte[]> delta = new LinkedHashMap<>();
        for (MethodProfile m : snapshot.methods()) {
            String key = m.method().key();
            Previous before = previous.get(key);
            if (before != null && before.calls() == m.calls()) {
                m.replaceLatencies(before);
                continue; // no call ended since: nothing in this interval
            }
            Histogram now = m.latenciesOnce(MethodProfile::newHistogram); // its own size: the encodings carry it
            Histogram interval = now.copy();
            if (before != null) {
                interval.subtract(IntervalProfile.decode(before.encoded()));
            }
            if (interval.getTotalCount() > 0) {
                delta.put(key, IntervalProfile.encode(interval));
            }
            Previous cumulative = new Previous(m.calls(), IntervalProfile.encode(now), now.getMaxValue());
            previous.put(key, cumulative);
            // the dump writes the histogram the intervals were taken from, not a later read of it
            m.replaceLatencies(cumulative);
        }
        intervals.add(IntervalProfile.ofEncoded(previousMillis, nowMillis, delta));
        previousMillis = nowMillis;
        return List.copyOf(intervals);
    }
}
