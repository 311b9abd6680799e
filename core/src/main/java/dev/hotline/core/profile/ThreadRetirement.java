package dev.hotline.core.profile;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.runtime.Recorders;
import dev.hotline.runtime.ThreadRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps memory bounded when a program runs many threads: the recorders of threads that ended are
 * added into running totals and dropped ({@link #retireEnded}); a snapshot is those totals plus
 * the recorders still registered. Exact: an ended thread's recorder no longer changes, and a
 * recorder is either retired or registered, never both (both steps hold this object's lock).
 * Retiring costs in proportion to what the ended threads recorded, not to the totals.
 *
 * <p>Thread-safety: every method synchronizes; called by the sweeper, the flush thread and the
 * shutdown hook, never by a probe.
 */
public final class ThreadRetirement {

    private final ProbeCatalog catalog;
    private final InstanceSizes sizes;
    private final Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
    private final Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
    private final Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
    private final CallTreeNode tree = CallTreeNode.root();
    private long threads;
    private long openCalls;
    private long abandonedFrames;

    public ThreadRetirement(ProbeCatalog catalog, InstanceSizes sizes) {
        this.catalog = catalog;
        this.sizes = sizes;
    }

    /** Adds the recorders of ended threads into the totals; returns how many were retired. */
    public synchronized int retireEnded() {
        List<ThreadRecorder> ended = Recorders.removeEnded();
        if (ended.isEmpty()) {
            return 0;
        }
        Profile part;
        try {
            part = RuntimeSnapshot.capture(catalog, Map.of(), ended, sizes);
        } catch (RuntimeException | Error e) {
            Recorders.restore(ended); // e.g. OutOfMemoryError: keep them registered, lose nothing
            throw e;
        }
        add(part); // past this point a failure loses the part rather than counting it twice
        return ended.size();
    }

    private void add(Profile part) {
        for (MethodProfile m : part.methods()) {
            MethodProfile into = methods.computeIfAbsent(m.method(), MethodProfile::new);
            into.add(m.calls(), m.exceptions(), m.totalNanos(), m.selfNanos(), m.minNanos(), m.maxNanos());
            into.histogram().add(m.histogram());
        }
        for (LineProfile l : part.lines()) {
            LineProfile into = lines.computeIfAbsent(l.line(), LineProfile::new);
            into.add(l.hits(), l.totalNanos());
            into.histogram().add(l.histogram());
        }
        for (AllocationProfile a : part.allocations()) {
            allocations.computeIfAbsent(a.site(), AllocationProfile::new).add(a.count(), a.bytes());
        }
        tree.merge(part.callTree());
        threads += count(part, SessionKeys.THREADS);
        openCalls += count(part, SessionKeys.OPEN_CALLS);
        abandonedFrames += count(part, SessionKeys.ABANDONED_FRAMES);
    }

    private static long count(Profile p, String key) {
        return Long.parseLong(p.session().getOrDefault(key, "0"));
    }

    /** Everything recorded so far: the retired totals and the threads still registered. */
    public synchronized Profile snapshot(Map<String, String> session) {
        Profile live = RuntimeSnapshot.capture(catalog, session, Recorders.all(), sizes);
        if (threads == 0) {
            return live;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(SessionKeys.THREADS, Long.toString(threads));
        facts.put(SessionKeys.OPEN_CALLS, Long.toString(openCalls));
        facts.put(SessionKeys.ABANDONED_FRAMES, Long.toString(abandonedFrames));
        Profile retired = new Profile(facts, methods, tree, lines, allocations);
        return ProfileMerger.mergeData(live, List.of(retired)); // copies: the totals stay untouched
    }

    /** Threads retired so far. */
    public synchronized long retiredThreads() {
        return threads;
    }
}
