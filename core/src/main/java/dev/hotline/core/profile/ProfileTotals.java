package dev.hotline.core.profile;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals that profiles are added into: counts and times sum, histograms add bucket by
 * bucket, min and max combine, call trees merge path by path, and the facts of {@link SessionKeys#SUMMED}
 * (threads, open calls, abandoned frames, clamps, probe cost) sum. Adding never changes the profile added. The one place profiles are
 * summed: {@link ProfileMerger} (dumps of many JVMs) and the capture's thread retirement (threads that
 * ended) both use it.
 *
 * <p>Not thread-safe.
 */
public final class ProfileTotals {

    private final Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
    private final Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
    private final Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
    private final CallTreeNode tree = CallTreeNode.root();
    /** The {@link SessionKeys#SUMMED} facts, summed. */
    private final long[] summed = new long[SessionKeys.SUMMED.size()];
    /** The most nodes {@link #tree} grows to (besides "(other paths)"), as of each add; unbounded for merging dumps. */
    private final java.util.function.LongSupplier maxTreeNodes;
    private long treeNodes;

    /** Totals whose call tree grows without bound: {@code hotline merge}'s. */
    public ProfileTotals() {
        this(() -> Long.MAX_VALUE);
    }

    /**
     * Totals whose call tree holds at most {@code maxTreeNodes} nodes (asked at each add): past them, the paths of the
     * profiles added go into "(other paths)" ({@link CallTreeNode#mergeBounded}), counted in the
     * summed {@link SessionKeys#OTHER_PATH_CALLS}. The retired threads' totals are such: else many
     * short threads, each within its own limit, could grow them without end.
     */
    public ProfileTotals(java.util.function.LongSupplier maxTreeNodes) {
        this.maxTreeNodes = maxTreeNodes;
    }

    /** Adds {@code p} into the totals; {@code p} is left unchanged. */
    public void add(Profile p) {
        for (MethodProfile m : p.methods()) {
            methods.computeIfAbsent(m.method(), MethodProfile::new).addAll(m);
        }
        for (LineProfile l : p.lines()) {
            lines.computeIfAbsent(l.line(), ref -> LineProfile.empty(ref, l.timed())).addAll(l);
        }
        for (AllocationProfile a : p.allocations()) {
            allocations.computeIfAbsent(a.site(), AllocationProfile::new).add(a.count(), a.bytes());
        }
        SessionFacts facts = p.facts();
        for (int i = 0; i < summed.length; i++) {
            summed[i] += facts.count(SessionKeys.SUMMED.get(i));
        }
        long[] redirected = {0};
        treeNodes = tree.mergeBounded(p.callTree(), treeNodes, maxTreeNodes.getAsLong(), redirected);
        summed[SessionKeys.SUMMED.indexOf(SessionKeys.OTHER_PATH_CALLS)] += redirected[0];
    }

    /**
     * The totals as a profile with {@code session}'s facts and the summed thread, open-call and
     * abandoned-frame facts. The profile shares this object's data: add nothing more afterwards
     * unless it is meant to show.
     */
    public Profile toProfile(Map<String, String> session) {
        SessionFacts.Builder facts = SessionFacts.builder(session);
        for (int i = 0; i < summed.length; i++) {
            facts.number(SessionKeys.SUMMED.get(i), summed[i]);
        }
        return new Profile(facts.build(), methods, tree, lines, allocations, List.of());
    }

    /**
     * These totals added into {@code fresh}, a profile nobody else holds (a capture just taken),
     * which is changed and returned with {@code fresh}'s facts plus the summed ones: no latency is
     * copied (those of both stay where they are until read, so these totals must not change until
     * then), and the totals' tree merges into {@code fresh}'s (its paths that {@code fresh} lacks
     * are copied in). What a snapshot is: the running threads' capture plus the totals of those
     * that ended, without a histogram per method.
     */
    public Profile addTo(Profile fresh) {
        Map<MethodRef, MethodProfile> allMethods = new LinkedHashMap<>();
        fresh.methods().forEach(m -> allMethods.put(m.method(), m));
        methods.values().forEach(m -> allMethods.computeIfAbsent(m.method(), MethodProfile::new).addAllLater(m));
        Map<LineRef, LineProfile> allLines = new LinkedHashMap<>();
        fresh.lines().forEach(l -> allLines.put(l.line(), l));
        lines.values().forEach(l -> allLines.computeIfAbsent(l.line(), ref -> LineProfile.empty(ref, l.timed())).addAllLater(l));
        Map<AllocationSite, AllocationProfile> allSites = new LinkedHashMap<>();
        for (List<AllocationProfile> part : List.of(fresh.allocations(), List.copyOf(allocations.values()))) {
            part.forEach(a -> allSites.computeIfAbsent(a.site(), AllocationProfile::new).add(a.count(), a.bytes()));
        }
        fresh.callTree().merge(tree);
        SessionFacts.Builder facts = SessionFacts.builder(fresh.session());
        for (int i = 0; i < summed.length; i++) {
            facts.number(SessionKeys.SUMMED.get(i), fresh.facts().count(SessionKeys.SUMMED.get(i)) + summed[i]);
        }
        return new Profile(facts.build(), allMethods, fresh.callTree(), allLines, allSites, fresh.intervals());
    }

    /** The threads of every profile added so far (the {@code threads} facts summed). */
    public long threads() {
        return summed[SessionKeys.SUMMED.indexOf(SessionKeys.THREADS)];
    }
}
