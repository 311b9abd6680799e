package dev.hotline.core.profile;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals that profiles are added into: counts and times sum, histograms add bucket by
 * bucket, min and max combine, call trees merge path by path, and the thread, open-call and
 * abandoned-frame facts sum. Adding never changes the profile added. The one place profiles are
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
    private long threads;
    private long openCalls;
    private long abandonedFrames;

    /** Adds {@code p} into the totals; {@code p} is left unchanged. */
    public void add(Profile p) {
        for (MethodProfile m : p.methods()) {
            MethodProfile into = methods.computeIfAbsent(m.method(), MethodProfile::new);
            into.add(m.calls(), m.exceptions(), m.totalNanos(), m.selfNanos(), m.minNanos(), m.maxNanos());
            into.histogram().add(m.histogram());
        }
        for (LineProfile l : p.lines()) {
            lines.computeIfAbsent(l.line(), ref -> new LineProfile(ref, MethodProfile.newHistogram(), l.timed()))
                    .addAll(l);
        }
        for (AllocationProfile a : p.allocations()) {
            allocations.computeIfAbsent(a.site(), AllocationProfile::new).add(a.count(), a.bytes());
        }
        tree.merge(p.callTree());
        SessionFacts facts = p.facts();
        threads += facts.count(SessionKeys.THREADS);
        openCalls += facts.count(SessionKeys.OPEN_CALLS);
        abandonedFrames += facts.count(SessionKeys.ABANDONED_FRAMES);
    }

    /**
     * The totals as a profile with {@code session}'s facts and the summed thread, open-call and
     * abandoned-frame facts. The profile shares this object's data: add nothing more afterwards
     * unless it is meant to show.
     */
    public Profile toProfile(Map<String, String> session) {
        Map<String, String> facts = SessionFacts.builder(session).counts(threads, openCalls, abandonedFrames).build();
        return new Profile(facts, methods, tree, lines, allocations, List.of());
    }

    /** The threads of every profile added so far (the {@code threads} facts summed). */
    public long threads() {
        return threads;
    }
}
