package dev.hotline.core.profile;

import dev.hotline.core.probe.MethodRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A caller to callee edge: how often {@code caller} called {@code callee} and the inclusive time of
 * those calls. Derived from the calling-context tree's edges and the calls off them (folded
 * recursion, the overflow past the node limit), so it is exact.
 */
public record CallEdge(MethodRef caller, MethodRef callee, long calls, long totalNanos) {

    /** All edges of the tree, most time first. Calls from uninstrumented code have no edge. */
    public static List<CallEdge> from(CallTreeNode root) {
        Map<List<MethodRef>, long[]> sums = new LinkedHashMap<>();
        collect(root, sums);
        root.offTreeEdges().forEach((pair, sum) -> {
            long[] into = sums.computeIfAbsent(pair, k -> new long[2]);
            into[0] += sum[0];
            into[1] += sum[1];
        });
        List<CallEdge> edges = new ArrayList<>();
        sums.forEach((pair, sum) -> edges.add(new CallEdge(pair.get(0), pair.get(1), sum[0], sum[1])));
        edges.sort(Comparator.comparingLong(CallEdge::totalNanos).reversed()
                .thenComparing(e -> e.caller().key()).thenComparing(e -> e.callee().key()));
        return edges;
    }

    private static void collect(CallTreeNode root, Map<List<MethodRef>, long[]> sums) {
        java.util.Deque<CallTreeNode> pending = new java.util.ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            CallTreeNode node = pending.pop();
            for (CallTreeNode child : node.children()) {
                // "(other paths)" is no method: the edges of those calls are among the off-tree ones
                if (node.method() != null && !node.isOtherPaths() && !child.isOtherPaths() && child.calls() > 0) {
                    long[] sum = sums.computeIfAbsent(List.of(node.method(), child.method()), k -> new long[2]);
                    sum[0] += child.calls();
                    sum[1] += child.totalNanos();
                }
                pending.push(child);
            }
        }
    }
}
