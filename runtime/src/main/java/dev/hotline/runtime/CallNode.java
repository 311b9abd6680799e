package dev.hotline.runtime;

/**
 * A node of a thread's calling-context tree: one distinct path of instrumented calls from the
 * thread's outermost call. Its call count is exact; its times are estimates of the program's own
 * time (probe cost subtracted, see {@link ThreadRecorder}) from the calls that were timed, each
 * weighted by the sampling interval it stood for, so with every call timed they are exact sums.
 * Edges (caller to callee), self times and the exact flame graph are derived from these trees at
 * flush time: a node's self time is its time minus its children's.
 *
 * <p>Children are kept in a small open-addressing table keyed by method id: a lookup is one
 * multiply, one mask and usually one comparison ({@link #child}); the rest is out of line.
 *
 * <p>Thread-safety: written by the owning thread only.
 */
public final class CallNode {

    static final int ROOT_ID = -1;

    final int methodId;
    /** The method's counters on this thread (its histogram, min and max, sampling decision). */
    final MethodCounters counters;
    /** The caller's node: the shadow stack is the path from the recorder's top node to the root. */
    final CallNode parent;
    /**
     * While a call of this context is open (a node is on a thread's stack at most once: a recursive
     * call is a deeper node): when it started, or {@link ThreadRecorder#UNTIMED}.
     */
    long start;
    /** While a timed call of this context is open: its slot in the recorder's timed-frame arrays. */
    int slot;
    /** Calls until the next timed one; a call is timed when this reaches 0. */
    int countdown = 1;
    /** The sampling interval the current countdown was drawn with: the weight of the next timed call. */
    int interval = 1;
    long calls;
    /** Calls that were timed. */
    long timedCalls;
    /** Estimated inclusive time of all calls, probe cost subtracted (sum of weighted timed calls). */
    long totalNanos;
    /** The same estimate from the raw measured times (probe cost included). */
    long measuredNanos;

    private CallNode[] table = new CallNode[4];
    private int childCount;

    CallNode(int methodId, MethodCounters counters, CallNode parent) {
        this.methodId = methodId;
        this.counters = counters;
        this.parent = parent;
    }

    /** The child for {@code id} if it sits in its home slot, else null ({@link #findOrAdd}). */
    CallNode child(int id) {
        CallNode[] t = table;
        CallNode node = t[slot(id, t.length - 1)];
        return node != null && node.methodId == id ? node : null;
    }

    /** The child for {@code id}, probing past its home slot, or a new one. May throw OutOfMemoryError. */
    CallNode findOrAdd(int id, MethodCounters counters) {
        CallNode[] t = table;
        int mask = t.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            CallNode node = t[i];
            if (node == null) {
                return addChild(id, counters);
            }
            if (node.methodId == id) {
                return node;
            }
        }
    }

    private CallNode addChild(int id, MethodCounters counters) {
        if (2 * (childCount + 1) > table.length) {
            rehash(table.length * 2);
        }
        CallNode node = new CallNode(id, counters, this);
        insert(table, node);
        childCount++;
        return node;
    }

    private void rehash(int size) {
        CallNode[] bigger = new CallNode[size];
        for (CallNode node : table) {
            if (node != null) {
                insert(bigger, node);
            }
        }
        table = bigger;
    }

    private static void insert(CallNode[] t, CallNode node) {
        int mask = t.length - 1;
        int i = slot(node.methodId, mask);
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = node;
    }

    private static int slot(int id, int mask) {
        return (id * 0x9E3779B9) >>> 16 & mask;
    }

    /** The method probe id of this node, or -1 for a thread's root. */
    public int methodId() {
        return methodId;
    }

    /** Every call that ended in this context (exact). */
    public long calls() {
        return calls;
    }

    /** How many of those calls were timed: all of them unless the method's timing is sampled. */
    public long timedCalls() {
        return timedCalls;
    }

    /** Inclusive time of this context's calls, probe cost subtracted; an estimate if sampled. */
    public long totalNanos() {
        return totalNanos;
    }

    /** Inclusive time as measured, probe cost included; an estimate if sampled. */
    public long measuredNanos() {
        return measuredNanos;
    }

    /** A snapshot of the children, in no particular order. */
    public CallNode[] children() {
        CallNode[] t = table;
        CallNode[] out = new CallNode[childCount];
        int n = 0;
        for (CallNode node : t) {
            if (node != null && n < out.length) {
                out[n++] = node;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
