package dev.hotline.core.capture;

import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.runtime.CallNode;
import dev.hotline.runtime.OffTreeEdges;
import dev.hotline.runtime.ThreadRecorder;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One thread's per-method calls and times, derived from its calling-context tree and its overflow
 * (the runtime counts and times each call where it lands only, so its fast path touches nothing
 * else; see {@code ThreadRecorder}):
 *
 * <ul>
 *   <li>calls and timed calls: the sums over the method's nodes (tree and flat), folded calls
 *       included (exact);
 *   <li>self time: the sum over its nodes of the time that landed there (folded calls included)
 *       minus the time of the calls made from there (its tree children's, and those that went off
 *       the tree); a method whose estimated self time comes out below zero (sampling noise) is
 *       clamped to 0, and counted;
 *   <li>total time: the sum over its nodes of the calls that were not folded: a recursive call is
 *       folded, so recursion is not counted twice.
 * </ul>
 *
 * Each figure exists twice: with the probes' cost subtracted, and as measured. While walking, it
 * also copies the tree into the profile's {@link CallTreeNode}s (self time per node as above,
 * clamped at 0; a node's "(other paths)"; the off-tree edges on the root).
 *
 * <p>Not thread-safe; one instance per recorder and snapshot.
 */
final class MethodTimes {

    private final long[] calls;
    private final long[] timedCalls;
    private final long[] total;
    private final long[] self;
    private final long[] measuredTotal;
    private final long[] measuredSelf;
    private final int known;
    /** The catalog's first id: lower ids are an earlier session's probes (attach), not counted. */
    private final int first;
    /** On the walk's stack in place of a tree node when nothing is copied (an ArrayDeque holds no null). */
    private static final Object NO_COPY = new Object();
    private long clampedSelfTimes;
    private long foldedCalls;
    private long otherCalls;
    private long nodes;

    /**
     * @param firstMethod  the catalog's first id: lower ids are an earlier session's, not counted
     * @param knownMethods method ids below this are covered: the catalog's, at most the thread's page limit
     */
    MethodTimes(int firstMethod, int knownMethods) {
        first = firstMethod;
        known = Math.max(firstMethod, knownMethods);
        int n = known - first;
        calls = new long[n];
        timedCalls = new long[n];
        total = new long[n];
        self = new long[n];
        measuredTotal = new long[n];
        measuredSelf = new long[n];
    }

    /** Method ids from this are covered. */
    int firstMethod() {
        return first;
    }

    /** Method ids below this are covered; a node of a higher id is left for the next snapshot. */
    int methods() {
        return known;
    }

    /**
     * Reads {@code recorder}'s tree into {@code into} (the merged tree; null: the figures only, no
     * copy), its flat nodes and its off-tree edges. Iterative: a tree may be as deep as the program
     * has methods.
     */
    void read(ThreadRecorder recorder, CallTreeNode into, ProbeCatalog catalog) {
        CallNode root = recorder.callTreeRoot();
        addOtherPaths(root, into);
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(into == null ? NO_COPY : into);
        pending.push(root);
        while (!pending.isEmpty()) {
            CallNode from = (CallNode) pending.pop();
            Object popped = pending.pop();
            CallTreeNode target = popped == NO_COPY ? null : (CallTreeNode) popped;
            for (CallNode node : from.children()) {
                int id = node.methodId();
                if (id >= 0 && id < first) {
                    // a call of an earlier session's probes, still open when it detached: not this
                    // session's, but the calls it made since may be
                    pending.push(target == null ? NO_COPY : target);
                    pending.push(node);
                    continue;
                }
                if (id < 0 || id >= known) {
                    continue; // registered after the catalog was read: next snapshot
                }
                nodes++;
                CallNode[] children = node.children();
                long childTotal = 0;
                long childMeasured = 0;
                for (CallNode child : children) {
                    childTotal += child.totalNanos();
                    childMeasured += child.measuredNanos();
                }
                long nodeSelf = add(id, node, childTotal, childMeasured);
                CallTreeNode copy = target == null ? null : target.child(catalog.method(id));
                if (copy != null) {
                    copy.add(node.calls(), Math.max(0, node.totalNanos()), Math.max(0, nodeSelf));
                    copy.addFolded(node.foldedCalls());
                }
                addOtherPaths(node, copy);
                if (children.length > 0) {
                    pending.push(copy == null ? NO_COPY : copy);
                    pending.push(node);
                }
            }
        }
        for (int id = first; id < known; id++) {
            CallNode flat = recorder.flatNode(id);
            if (flat != null) {
                add(id, flat, 0, 0);
            }
        }
        OffTreeEdges.Table edges = recorder.offTreeEdges().table();
        for (int i = 0; i < edges.capacity(); i++) {
            if (into != null && edges.used(i) && edges.caller(i) >= first && edges.caller(i) < known
                    && edges.callee(i) >= first && edges.callee(i) < known) {
                into.addOffTreeEdge(catalog.method(edges.caller(i)), catalog.method(edges.callee(i)), edges.calls(i),
                        Math.max(0, edges.nanos(i)));
            }
        }
    }

    /** Adds one node's figures to its method's; returns the node's self time. */
    private long add(int id, CallNode node, long childTotal, long childMeasured) {
        long nodeSelf = node.totalNanos() + node.foldedNanos() - childTotal - node.outNanos();
        int i = id - first;
        calls[i] += node.calls() + node.foldedCalls();
        timedCalls[i] += node.timedCalls() + node.foldedTimedCalls();
        self[i] += nodeSelf;
        measuredSelf[i] += node.measuredNanos() + node.foldedMeasuredNanos() - childMeasured - node.outMeasuredNanos();
        total[i] += node.totalNanos();
        measuredTotal[i] += node.measuredNanos();
        foldedCalls += node.foldedCalls();
        if (nodeSelf < 0) {
            clampedSelfTimes++;
        }
        return nodeSelf;
    }

    private void addOtherPaths(CallNode node, CallTreeNode copy) {
        if (node.otherCalls() > 0) {
            long nanos = Math.max(0, node.otherNanos());
            if (copy != null) {
                copy.otherPaths().add(node.otherCalls(), nanos, nanos);
            }
            otherCalls += node.otherCalls();
        }
    }

    /** Recursive calls that were folded into the node of their method's outermost running call. */
    long foldedCalls() {
        return foldedCalls;
    }

    /** Calls made into the overflow from a tree node (each the start of one "(other paths)"). */
    long otherCalls() {
        return otherCalls;
    }

    /** Tree nodes read. */
    long nodes() {
        return nodes;
    }

    long calls(int id) {
        return calls[id - first];
    }

    long timedCalls(int id) {
        return timedCalls[id - first];
    }

    long total(int id) {
        return Math.max(0, total[id - first]);
    }

    long self(int id) {
        if (self[id - first] < 0) {
            clampedSelfTimes++;
            return 0;
        }
        return self[id - first];
    }

    long measuredTotal(int id) {
        return measuredTotal[id - first];
    }

    long measuredSelf(int id) {
        return measuredSelf[id - first];
    }

    /** Node and method self times that came out below zero and were reported as 0. */
    long clampedSelfTimes() {
        return clampedSelfTimes;
    }
}
