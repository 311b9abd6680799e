package dev.hotline.core.compare;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs of known shape for the differential flame graph: a main calling work, whose calls take known times. */
final class TwoRuns {

    static final MethodRef MAIN = new MethodRef("com.acme.App", "main", "([Ljava/lang/String;)V");
    static final MethodRef WORK = new MethodRef("com.acme.Work", "step", "(I)J");
    static final MethodRef OLD = new MethodRef("com.acme.Work", "legacy", "()V");
    static final MethodRef FRESH = new MethodRef("com.acme.Work", "fresh", "()V");

    private TwoRuns() {
    }

    /** {@code calls} latencies spread evenly over {@code mean ± spread}, in pairs around the mean: their mean is exactly {@code mean}. */
    static long[] latencies(int calls, long mean, long spread) {
        long[] values = new long[calls];
        int half = calls / 2;
        for (int i = 0; i < half; i++) {
            long d = spread * (half - i) / half;
            values[i] = mean - d;
            values[calls - 1 - i] = mean + d;
        }
        if (calls % 2 == 1) {
            values[half] = mean;
        }
        return values;
    }

    static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    /** main (one call) -> step ({@code work} latencies), and main -> {@code other} once, 1 ms, if not null. */
    static Profile run(long[] work, MethodRef other) {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        long workTotal = sum(work);
        long otherTotal = other == null ? 0 : 1_000_000;
        long mainTotal = workTotal + otherTotal + 5_000_000;
        methods.put(MAIN, dev.hotline.core.profile.SampleProfiles.method(MAIN, 1, 0, mainTotal, 5_000_000, new long[] {mainTotal}));
        methods.put(WORK, dev.hotline.core.profile.SampleProfiles.method(WORK, work.length, 0, workTotal, workTotal, work));
        CallTreeNode root = CallTreeNode.root();
        CallTreeNode main = root.child(MAIN);
        main.add(1, mainTotal, 5_000_000);
        main.child(WORK).add(work.length, workTotal, workTotal);
        if (other != null) {
            methods.put(other, dev.hotline.core.profile.SampleProfiles.method(other, 1, 0, otherTotal, otherTotal, new long[] {otherTotal}));
            main.child(other).add(1, otherTotal, otherTotal);
        }
        return new Profile(Map.of(), methods, root, Map.of(), Map.of(), List.of());
    }

    static CallTreeNode node(Profile profile, MethodRef... path) {
        CallTreeNode node = profile.callTree();
        for (MethodRef m : path) {
            node = FrameChange.childrenByMethod(node).get(m);
        }
        return node;
    }
}
