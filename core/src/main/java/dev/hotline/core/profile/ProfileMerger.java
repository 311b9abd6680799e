package dev.hotline.core.profile;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * Adds {@code others} into {@code base}'s data, keeping {@code base}'s session facts except the
     * counts of threads, open calls and abandoned frames, which sum (the agent's own use).
     */
    public static Profile mergeData(Profile base, List<Profile> others) {
        List<Profile> all = new ArrayList<>();
        all.add(base);
        all.addAll(others);
        Profile merged = merge(all);
        Map<String, String> session = new LinkedHashMap<>(base.session());
        for (String key : List.of(SessionKeys.THREADS, SessionKeys.OPEN_CALLS, SessionKeys.ABANDONED_FRAMES)) {
            session.put(key, merged.session().get(key));
        }
        return new Profile(session, methodsOf(merged), merged.callTree(), linesOf(merged), allocationsOf(merged));
    }

    private static Map<MethodRef, MethodProfile> methodsOf(Profile p) {
        Map<MethodRef, MethodProfile> map = new LinkedHashMap<>();
        p.methods().forEach(m -> map.put(m.method(), m));
        return map;
    }

    private static Map<LineRef, LineProfile> linesOf(Profile p) {
        Map<LineRef, LineProfile> map = new LinkedHashMap<>();
        p.lines().forEach(l -> map.put(l.line(), l));
        return map;
    }

    private static Map<AllocationSite, AllocationProfile> allocationsOf(Profile p) {
        Map<AllocationSite, AllocationProfile> map = new LinkedHashMap<>();
        p.allocations().forEach(a -> map.put(a.site(), a));
        return map;
    }

    public static Profile merge(List<Profile> profiles) {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
        CallTreeNode tree = CallTreeNode.root();
        List<String> pids = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Profile p : profiles) {
            for (MethodProfile m : p.methods()) {
                MethodProfile into = methods.computeIfAbsent(m.method(), MethodProfile::new);
                into.add(m.calls(), m.exceptions(), m.totalNanos(), m.selfNanos(), m.minNanos(), m.maxNanos());
                into.histogram().add(m.histogram());
            }
            for (LineProfile l : p.lines()) {
                LineProfile into = lines.computeIfAbsent(l.line(), LineProfile::new);
                into.add(l.hits(), l.totalNanos());
                into.histogram().add(l.histogram());
            }
            for (AllocationProfile a : p.allocations()) {
                allocations.computeIfAbsent(a.site(), AllocationProfile::new).add(a.count(), a.bytes());
            }
            tree.merge(p.callTree());
            Map<String, String> s = p.session();
            pids.add(s.getOrDefault(SessionKeys.PID, "?"));
            if (s.containsKey(SessionKeys.HOST) && !hosts.contains(s.get(SessionKeys.HOST))) {
                hosts.add(s.get(SessionKeys.HOST));
            }
            start = Math.min(start, parse(s.get(SessionKeys.START_EPOCH_MILLIS), Long.MAX_VALUE));
            end = Math.max(end, parse(s.get(SessionKeys.END_EPOCH_MILLIS), Long.MIN_VALUE));
        }
        Map<String, String> session = new LinkedHashMap<>();
        Profile first = profiles.get(0);
        session.put(SessionKeys.MERGED_DUMPS, Integer.toString(profiles.size()));
        session.put(SessionKeys.PID, String.join(",", pids));
        if (!hosts.isEmpty()) {
            session.put(SessionKeys.HOST, String.join(",", hosts));
        }
        session.put(SessionKeys.JAVA_VERSION, first.session().getOrDefault(SessionKeys.JAVA_VERSION, "?"));
        if (start != Long.MAX_VALUE) {
            session.put(SessionKeys.START_EPOCH_MILLIS, Long.toString(start));
        }
        if (end != Long.MIN_VALUE) {
            session.put(SessionKeys.END_EPOCH_MILLIS, Long.toString(end));
        }
        for (String key : List.of(SessionKeys.CLASSES_INSTRUMENTED, SessionKeys.CLASSES_FAILED, SessionKeys.THREADS,
                SessionKeys.OPEN_CALLS, SessionKeys.ABANDONED_FRAMES)) {
            long sum = 0;
            for (Profile p : profiles) {
                sum += parse(p.session().get(key), 0);
            }
            session.put(key, Long.toString(sum));
        }
        return new Profile(session, methods, tree, lines, allocations);
    }

    private static long parse(String value, long otherwise) {
        try {
            return value == null ? otherwise : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
