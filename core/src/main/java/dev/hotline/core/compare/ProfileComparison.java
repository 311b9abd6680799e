package dev.hotline.core.compare;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pairs the methods of two profiles. */
public final class ProfileComparison {

    private ProfileComparison() {
    }

    /** Every method of either profile, the worst p99 regressions first (significant ones before noise). */
    public static List<MethodChange> methods(Profile before, Profile after) {
        Map<MethodRef, MethodProfile[]> pairs = new LinkedHashMap<>();
        before.methods().forEach(m -> pairs.computeIfAbsent(m.method(), k -> new MethodProfile[2])[0] = m);
        after.methods().forEach(m -> pairs.computeIfAbsent(m.method(), k -> new MethodProfile[2])[1] = m);
        List<MethodChange> changes = new ArrayList<>();
        pairs.forEach((method, pair) -> changes.add(new MethodChange(method, pair[0], pair[1])));
        changes.sort(Comparator.comparing((MethodChange c) -> !(c.significant(Metric.P99) && c.relative(Metric.P99) > 0))
                .thenComparing(Comparator.comparingDouble((MethodChange c) -> c.relative(Metric.P99)).reversed())
                .thenComparing(c -> c.method().key()));
        return changes;
    }
}
