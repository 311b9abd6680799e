package dev.hotline.core.profile;

import dev.hotline.core.probe.MethodRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of the merged calling-context tree: one distinct path of instrumented calls (over all
 * threads), with exact call counts and times. The root has no method.
 */
public final class CallTreeNode {

    private final MethodRef method;
    private final Map<MethodRef, CallTreeNode> children = new LinkedHashMap<>();
    private long calls;
    private long totalNanos;
    private long selfNanos;

    public CallTreeNode(MethodRef method) {
        this.method = method;
    }

    public static CallTreeNode root() {
        return new CallTreeNode(null);
    }

    /** The child for {@code callee}, created empty if absent. */
    public CallTreeNode child(MethodRef callee) {
        return children.computeIfAbsent(callee, CallTreeNode::new);
    }

    public void add(long calls, long totalNanos, long selfNanos) {
        this.calls += calls;
        this.totalNanos += totalNanos;
        this.selfNanos += selfNanos;
    }

    /** Adds {@code other}'s counts and, recursively, its children into this tree. */
    public void merge(CallTreeNode other) {
        add(other.calls, other.totalNanos, other.selfNanos);
        for (CallTreeNode theirs : other.children()) {
            child(theirs.method).merge(theirs);
        }
    }

    /** Null for the root. */
    public MethodRef method() {
        return method;
    }

    public Collection<CallTreeNode> children() {
        return children.values();
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
}
