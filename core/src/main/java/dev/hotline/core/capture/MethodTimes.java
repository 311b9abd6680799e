package dev.hotline.core.capture;

import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.runtime.CallNode;

/**
 * One thread's per-method calls and times, derived from its calling-context tree, which holds them
 * (the runtime counts and times each call in its node only, so its fast path touches nothing else):
 *
 * <ul>
 *   <li>calls and timed calls: the sums over the method's nodes (exact);
 *   <li>self time: the sum over its nodes of the node's time minus its children's; a method whose
 *       estimated self time comes out below zero (sampling noise) is clamped to 0, and counted;
 *   <li>total time: the sum over its outermost nodes, those with no node of the same method above
 *       them, so recursion is not counted twice.
 * </ul>
 *
 * Each figure exists twice: with the probes' cost subtracted, and as measured. While walking, it
 * also copies the tree into the profile's {@link CallTreeNode}s (self time per node as above,
 * clamped at 0).
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
    /** Open nodes of each method on the path being walked (recursion depth). */
    private final int[] active;
    private final int first;
    private final int known;
    private long clampedSelfTimes;

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
        active = new int[n];
    }

    /** Method ids from this are covered. */
    int firstMethod() {
        return first;
    }

    /** Method ids below this are covered; a node of a higher id is left for the next snapshot. */
    int methods() {
        return known;
    }

    /** Walks the tree below {@code from}, adding its nodes into {@code into} (the merged tree). */
    void walk(CallNode from, CallTreeNode into, ProbeCatalog catalog) {
        for (CallNode node : from.children()) {
            int real = node.methodId();
            if (real >= 0 && real < first) {
                // a call of an earlier session's probes, still open when it detached: not this
                // session's, but the calls it made since may be
                walk(node, into, catalog);
                continue;
            }
            if (real < 0 || real >= known) {
                continue; // registered after the catalog was read: next snapshot
            }
            int id = real - first;
            long childTotal = 0;
            long childMeasured = 0;
            CallNode[] children = node.children();
            for (CallNode child : children) {
                childTotal += child.totalNanos();
                childMeasured += child.measuredNanos();
            }
            long nodeSelf = node.totalNanos() - childTotal;
            calls[id] += node.calls();
            timedCalls[id] += node.timedCalls();
            self[id] += nodeSelf;
            measuredSelf[id] += node.measuredNanos() - childMeasured;
            if (active[id] == 0) {
                total[id] += node.totalNanos();
                measuredTotal[id] += node.measuredNanos();
            }
            CallTreeNode target = into.child(catalog.method(real));
            if (nodeSelf < 0) {
                clampedSelfTimes++;
            }
            target.add(node.calls(), Math.max(0, node.totalNanos()), Math.max(0, nodeSelf));
            if (children.length > 0) {
                active[id]++;
                walk(node, target, catalog);
                active[id]--;
            }
        }
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
