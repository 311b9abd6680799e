package dev.hotline.core.profile;

import dev.hotline.core.probe.MethodRef;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the merged calling-context tree: one distinct path of instrumented calls (over all
 * threads) in which no method appears twice, with exact call counts and times. The root has no
 * method.
 *
 * <p><b>What the tree means.</b> A call of a method that was already running on its thread
 * (recursion, direct or through other methods) is <em>folded</em>: it is counted on the node of
 * the method's outermost running call, as {@link #foldedCalls()}, and its own time shows in that
 * node's self time and subtree, not as a deeper frame. So the tree grows with the program's call
 * graph, not with the depth or interleaving of its recursion. Past the recorder's node limit, the
 * calls that would have made new paths are counted in their caller's {@link #isOtherPaths() "(other
 * paths)"} child, with their calls and inclusive time, so nothing is dropped. Per-method figures and
 * caller-to-callee edges do not come from this tree's shape: they are exact whatever was folded or
 * capped (the edges of folded and overflow calls are {@link #offTreeEdges()}, kept on the root).
 *
 * <ul>
 *   <li>{@link #calls()} and {@link #totalNanos()}: the calls that reached this node from its
 *       parent (none of them recursive) and their inclusive time: the edge parent to this node.
 *   <li>{@link #selfNanos()}: the time spent in this method's own code while this was its
 *       outermost running node, its folded calls included.
 *   <li>{@link #widthNanos()}: self time plus the children's widths: the node's width in a flame
 *       graph. It equals {@link #totalNanos()} where nothing below was folded.
 * </ul>
 */
public final class CallTreeNode {

    /** The method of an "(other paths)" node. */
    public static final MethodRef OTHER_PATHS = new MethodRef("", "(other paths)", "()V");

    private final MethodRef method;
    /** Null until the first child: most nodes of a large tree are leaves (a map costs them ~130 bytes). */
    private Map<MethodRef, CallTreeNode> children;
    private long calls;
    private long totalNanos;
    private long selfNanos;
    private long foldedCalls;
    /** Root only: caller and callee of calls off the tree's edges to {calls, inclusive nanos}. */
    private Map<List<MethodRef>, long[]> offTreeEdges;

    public CallTreeNode(MethodRef method) {
        this.method = method;
    }

    public static CallTreeNode root() {
        return new CallTreeNode(null);
    }

    /** The child for {@code callee}, created empty if absent. */
    public CallTreeNode child(MethodRef callee) {
        if (children == null) {
            children = new LinkedHashMap<>(4);
        }
        return children.computeIfAbsent(callee, CallTreeNode::new);
    }

    /** This node's "(other paths)" child, created empty if absent. */
    public CallTreeNode otherPaths() {
        return child(OTHER_PATHS);
    }

    public void add(long calls, long totalNanos, long selfNanos) {
        this.calls += calls;
        this.totalNanos += totalNanos;
        this.selfNanos += selfNanos;
    }

    /** Adds recursive calls folded into this node (their time is in {@link #selfNanos()} and below). */
    public void addFolded(long calls) {
        this.foldedCalls += calls;
    }

    /** On the root: adds calls from {@code caller} to {@code callee} that were off the tree's edges. */
    public void addOffTreeEdge(MethodRef caller, MethodRef callee, long calls, long totalNanos) {
        if (offTreeEdges == null) {
            offTreeEdges = new LinkedHashMap<>();
        }
        long[] sum = offTreeEdges.computeIfAbsent(List.of(caller, callee), k -> new long[2]);
        sum[0] += calls;
        sum[1] += totalNanos;
    }

    /** On a root: adds {@code other}'s (another root's) counts and, path by path, its children into this tree. */
    public void merge(CallTreeNode other) {
        mergeBounded(other, 0, Long.MAX_VALUE, new long[1]);
    }

    /**
     * On a root: adds {@code other} (another root) as {@link #merge} does, growing this tree to at
     * most {@code maxNodes} nodes besides "(other paths)" ones (iterative: a tree may be thousands
     * deep). A node of {@code other} with no place left goes, with everything below it, into its parent's "(other paths)": its calls and
     * inclusive time (as the runtime counts its own overflow), and the caller-to-callee edges of it
     * and below it into this root's off-tree edges, so {@link CallEdge#from} stays exact. What the
     * folded calls below it were is then only in the per-method figures.
     *
     * @param nodes how many nodes this tree has now (the caller keeps count: a tree does not)
     * @param redirected its first element grows by the calls that went to "(other paths)"
     * @return how many nodes this tree has after
     */
    public long mergeBounded(CallTreeNode other, long nodes, long maxNodes, long[] redirected) {
        Deque<CallTreeNode[]> pending = new ArrayDeque<>();
        pending.push(new CallTreeNode[] {this, other});
        while (!pending.isEmpty()) {
            CallTreeNode[] pair = pending.pop();
            CallTreeNode mine = pair[0];
            CallTreeNode theirs = pair[1];
            mine.add(theirs.calls, theirs.totalNanos, theirs.selfNanos);
            mine.foldedCalls += theirs.foldedCalls;
            if (theirs.offTreeEdges != null) {
                theirs.offTreeEdges.forEach((k, v) -> addOffTreeEdge(k.get(0), k.get(1), v[0], v[1]));
            }
            for (CallTreeNode child : theirs.children()) {
                boolean known = mine.children != null && mine.children.containsKey(child.method);
                if (!known && !child.isOtherPaths() && nodes >= maxNodes) {
                    mine.otherPaths().add(child.calls, child.totalNanos, child.totalNanos);
                    redirected[0] += child.calls;
                    addEdgesAsOffTree(mine, child);
                    continue;
                }
                if (!known && !child.isOtherPaths()) {
                    nodes++;
                }
                pending.push(new CallTreeNode[] {mine.child(child.method), child});
            }
        }
        return nodes;
    }

    /** On the root: the edge {@code parent} to {@code top} and every edge below {@code top}, as off-tree edges. */
    private void addEdgesAsOffTree(CallTreeNode parent, CallTreeNode top) {
        Deque<CallTreeNode[]> pending = new ArrayDeque<>();
        pending.push(new CallTreeNode[] {parent, top});
        while (!pending.isEmpty()) {
            CallTreeNode[] edge = pending.pop();
            CallTreeNode from = edge[0];
            CallTreeNode to = edge[1];
            // as CallEdge counts the tree's edges: none from the root, none to or from "(other paths)"
            if (from.method != null && !from.isOtherPaths() && !to.isOtherPaths() && to.calls > 0) {
                addOffTreeEdge(from.method, to.method, to.calls, to.totalNanos);
            }
            for (CallTreeNode below : to.children()) {
                pending.push(new CallTreeNode[] {to, below});
            }
        }
    }

    /** Null for the root; {@link #OTHER_PATHS} for an "(other paths)" node. */
    public MethodRef method() {
        return method;
    }

    /** Whether this node holds its parent's calls past the node limit, not one method's. */
    public boolean isOtherPaths() {
        return OTHER_PATHS.equals(method);
    }

    /** How the flame graph and the text name this node's frame. */
    public String frameName() {
        if (isOtherPaths()) {
            return "(other paths)";
        }
        return foldedCalls > 0 ? method.displayName() + " [recursion folded]" : method.displayName();
    }

    /** Every node below this one (this one left out), each before the nodes below it. Iterative. */
    public List<CallTreeNode> descendants() {
        List<CallTreeNode> all = new java.util.ArrayList<>();
        Deque<CallTreeNode> pending = new ArrayDeque<>(children());
        while (!pending.isEmpty()) {
            CallTreeNode node = pending.pop();
            all.add(node);
            node.children().forEach(pending::push);
        }
        return all;
    }

    public Collection<CallTreeNode> children() {
        return children == null ? List.of() : children.values();
    }

    public long calls() {
        return calls;
    }

    public long totalNanos() {
        return totalNanos;
    }

    public long selfNanos() {
        return selfNanos;
    }

    /** Recursive calls folded into this node (see the class comment). */
    public long foldedCalls() {
        return foldedCalls;
    }

    /** The node's width in a flame graph: self time plus the children's widths. */
    public long widthNanos() {
        long width = 0;
        Deque<CallTreeNode> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            CallTreeNode n = pending.pop();
            width += n.selfNanos;
            n.children().forEach(pending::push);
        }
        return width;
    }

    /** Root only: the off-tree edges, caller and callee to {calls, inclusive nanos}; empty elsewhere. */
    public Map<List<MethodRef>, long[]> offTreeEdges() {
        return offTreeEdges == null ? Map.of() : offTreeEdges;
    }
}
