package dev.hotline.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds profiles up: counts and times sum, histograms add bucket by bucket, min and max combine,
 * call trees merge path by path. A fleet runs one agent per JVM; merging their dumps shows the
 * whole. The merged session lists where the parts came from.
 */
public final class ProfileMerger {

    private ProfileMerger() {
    }

    public static Profile merge(List<Profile> profiles) {
        ProfileTotals totals = new ProfileTotals();
        List<String> pids = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Profile p : profiles) {
            totals.add(p);
            Map<String, String> s = p.session();
            pids.add(s.getOrDefault(SessionKeys.PID, "?"));
            if (s.containsKey(SessionKeys.HOST) && !hosts.contains(s.get(SessionKeys.HOST))) {
                hosts.add(s.get(SessionKeys.HOST));
            }
            start = Math.min(start, p.facts().startMillis().orElse(Long.MAX_VALUE));
            end = Math.max(end, p.facts().endMillis().orElse(Long.MIN_VALUE));
        }
        SessionFacts.Builder session = SessionFacts.builder()
                .number(SessionKeys.MERGED_DUMPS, profiles.size())
                .text(SessionKeys.PID, String.join(",", pids))
                .text(SessionKeys.HOST, hosts.isEmpty() ? null : String.join(",", hosts))
                .text(SessionKeys.JAVA_VERSION, profiles.get(0).session().getOrDefault(SessionKeys.JAVA_VERSION, "?"));
        if (start != Long.MAX_VALUE) {
            session.number(SessionKeys.START_EPOCH_MILLIS, start);
        }
        if (end != Long.MIN_VALUE) {
            session.number(SessionKeys.END_EPOCH_MILLIS, end);
        }
        for (String key : List.of(SessionKeys.CLASSES_INSTRUMENTED, SessionKeys.CLASSES_FAILED)) {
            long sum = 0;
            for (Profile p : profiles) {
                sum += p.facts().count(key);
            }
            session.number(key, sum);
        }
        return totals.toProfile(session.build()); // adds the summed threads, open calls and abandoned frames
    }
}
