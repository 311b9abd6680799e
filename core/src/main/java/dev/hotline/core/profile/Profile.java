package dev.hotline.core.profile;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one dump holds: facts about the recorded JVM ({@link #session()}), per-method profiles and
 * the merged calling-context tree. Produced by a flush or by {@code DumpReader}.
 */
public final class Profile {

    private final Map<String, String> session;
    private final Map<MethodRef, MethodProfile> methods;
    private final CallTreeNode callTree;
    private final Map<LineRef, LineProfile> lines;
    private final Map<AllocationSite, AllocationProfile> allocations;
    private final List<IntervalProfile> intervals;

    /**
     * @param session     facts about the recorded JVM (copied)
     * @param methods     per-method profiles (kept, not copied)
     * @param callTree    the merged calling-context tree
     * @param lines       lines with hits (kept, not copied)
     * @param allocations allocation sites that allocated (kept, not copied)
     * @param intervals   per-interval latencies, oldest first; empty unless the agent ran with interval=
     */
    public Profile(Map<String, String> session, Map<MethodRef, MethodProfile> methods, CallTreeNode callTree,
                   Map<LineRef, LineProfile> lines, Map<AllocationSite, AllocationProfile> allocations,
                   List<IntervalProfile> intervals) {
        this.session = Collections.unmodifiableMap(new LinkedHashMap<>(session));
        this.methods = methods;
        this.callTree = callTree;
        this.lines = lines;
        this.allocations = allocations;
        this.intervals = List.copyOf(intervals);
    }

    /** This profile with the given per-interval latencies (oldest first). */
    public Profile withIntervals(List<IntervalProfile> intervals) {
        return new Profile(session, methods, callTree, lines, allocations, intervals);
    }

    /** Per-interval latencies, oldest first; empty unless the agent ran with interval=. */
    public List<IntervalProfile> intervals() {
        return intervals;
    }

    /** Allocation sites that allocated, in no particular order. */
    public List<AllocationProfile> allocations() {
        return new ArrayList<>(allocations.values());
    }

    /** Lines with hits, in no particular order. */
    public List<LineProfile> lines() {
        return new ArrayList<>(lines.values());
    }

    /** Key/value facts: JVM, pid, start and end time, agent options, transform counts. */
    public Map<String, String> session() {
        return session;
    }

    /** The session facts, typed. */
    public SessionFacts facts() {
        return new SessionFacts(session);
    }

    public List<MethodProfile> methods() {
        return new ArrayList<>(methods.values());
    }

    public MethodProfile method(MethodRef ref) {
        return methods.get(ref);
    }

    public CallTreeNode callTree() {
        return callTree;
    }

    public List<CallEdge> edges() {
        return CallEdge.from(callTree);
    }
}
