package dev.hotline.runtime;

/**
 * A node of a thread's calling-context tree: one distinct path of instrumented calls from the
 * thread's outermost call, in which no method appears twice (a call of a method already open on
 * the thread is folded, see {@link ThreadRecorder}). Its call count is exact; its times are
 * estimates of the program's own time (probe cost subtracted) from the calls that were timed, each
 * weighted by the sampling interval it stood for, so with every call timed they are exact sums.
 *
 * <p>{@code calls} and {@code totalNanos} hold the calls that reached this node along the tree's
 * edge from its parent: none of them was recursive. What went off the tree (a folded recursive call
 * into this node, a call from this node that was folded or went to the overflow past the node
 * limit) is in {@link #offTree}, made the first time it is needed (most nodes never need it):
 * with it, a node's self time is {@code total + folded in - children's totals - gone off the tree},
 * derived at flush time.
 *
 * <p>A <em>flat</em> node is a thread's one node of a method for its calls past the node limit
 * (the overflow): it has no parent and no children.
 *
 * <p>Children are kept in a small open-addressing table keyed by method id: a lookup is one
 * multiply, one mask and usually one comparison ({@link #child}); the rest is out of line.
 *
 * <p>Thread-safety: written by the owning thread only.
 */
public final class CallNode {

    static final int ROOT_ID = -1;

    /** Indexes of {@link #offTree}. Calls and times of folded (recursive) calls that landed here: */
    static final int FOLDED_CALLS = 0;
    static final int FOLDED_TIMED = 1;
    static final int FOLDED_NANOS = 2;
    static final int FOLDED_MEASURED = 3;
    /** Inclusive time of the calls from here that went off the tree (folded or to the overflow): */
    static final int OUT_NANOS = 4;
    static final int OUT_MEASURED = 5;
    /** Calls from here past the node limit (the "(other paths)" of this node) and their time: */
    static final int OTHER_CALLS = 6;
    static final int OTHER_TIMED = 7;
    static final int OTHER_NANOS = 8;
    static final int OTHER_MEASURED = 9;
    private static final int OFF_TREE_FIELDS = 10;

    /** The child table of a node without children: one empty slot, so a lookup needs no null check. */
    private static final CallNode[] NO_CHILDREN = new CallNode[1];

    final int methodId;
    /** The method's counters on this thread (its histogram, min and max, sampling decision). */
    final MethodCounters counters;
    /** This node's index in its recorder (ThreadRecorder#nodeAt), set when it is made. */
    int index;
    /** The index of the caller's node (-1 for a root or a flat node). */
    final int parentIndex;
    /** Whether this is a flat (overflow) node. */
    final boolean flat;
    /**
     * While a timed call that landed here is open: when the innermost one started; while an
     * untimed off-tree call is: {@link ThreadRecorder#OFF_TREE_UNTIMED}; else (no call open, or an
     * untimed one along the tree's edge) {@link ThreadRecorder#UNTIMED}.
     */
    long start = ThreadRecorder.UNTIMED;
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

    /** See the indexes above; null until something went off the tree here. */
    long[] offTree;

    private CallNode[] table = NO_CHILDREN;
    private int childCount;

    CallNode(int methodId, MethodCounters counters, int parentIndex) {
        this(methodId, counters, parentIndex, false);
    }

    private CallNode(int methodId, MethodCounters counters, int parentIndex, boolean flat) {
        this.methodId = methodId;
        this.counters = counters;
        this.parentIndex = parentIndex;
        this.flat = flat;
    }

    /** A thread's overflow node of a method (see the class comment). */
    static CallNode flat(int methodId, MethodCounters counters) {
        return new CallNode(methodId, counters, -1, true);
    }

    /** {@link #offTree}, made if absent. May throw OutOfMemoryError. */
    long[] offTree() {
        long[] o = offTree;
        return o != null ? o : (offTree = new long[OFF_TREE_FIELDS]);
    }

    /** The child for {@code id} if it sits in its home slot, else null ({@link #findOrAdd}). */
    CallNode child(int id) {
        CallNode[] t = table;
        CallNode node = t[slot(id, t.length - 1)];
        return node != null && node.methodId == id ? node : null;
    }

    /** The child for {@code id}, probing past its home slot, or a new one. May throw OutOfMemoryError. */
    CallNode findOrAdd(int id, MethodCounters counters) {
        CallNode node = find(id);
        return node != null ? node : add(id, counters);
    }

    /** The child for {@code id}, probing past its home slot, or null. */
    CallNode find(int id) {
        CallNode[] t = table;
        int mask = t.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            CallNode node = t[i];
            if (node == null || node.methodId == id) {
                return node;
            }
        }
    }

    /** A new child for {@code id}, which has none. May throw OutOfMemoryError. */
    CallNode add(int id, MethodCounters counters) {
        if (table == NO_CHILDREN) {
            table = new CallNode[2];
        }
        if (2 * (childCount + 1) > table.length) {
            rehash(table.length * 2);
        }
        CallNode node = new CallNode(id, counters, index);
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

    /** Whether this is a thread's overflow node of its method (past the node limit). */
    public boolean isFlat() {
        return flat;
    }

    /** Calls that were folded into this node: recursive calls of its method (exact). */
    public long foldedCalls() {
        long[] o = offTree;
        return o == null ? 0 : o[FOLDED_CALLS];
    }

    /** How many of those were timed. */
    public long foldedTimedCalls() {
        long[] o = offTree;
        return o == null ? 0 : o[FOLDED_TIMED];
    }

    /** Inclusive time of the folded calls, probe cost subtracted (already inside an open call of this method). */
    public long foldedNanos() {
        long[] o = offTree;
        return o == null ? 0 : o[FOLDED_NANOS];
    }

    public long foldedMeasuredNanos() {
        long[] o = offTree;
        return o == null ? 0 : o[FOLDED_MEASURED];
    }

    /** Inclusive time of the calls made from here that went off the tree (folded, or past the node limit). */
    public long outNanos() {
        long[] o = offTree;
        return o == null ? 0 : o[OUT_NANOS];
    }

    public long outMeasuredNanos() {
        long[] o = offTree;
        return o == null ? 0 : o[OUT_MEASURED];
    }

    /** Calls made from here into the overflow, past the node limit: this node's "(other paths)". */
    public long otherCalls() {
        long[] o = offTree;
        return o == null ? 0 : o[OTHER_CALLS];
    }

    public long otherTimedCalls() {
        long[] o = offTree;
        return o == null ? 0 : o[OTHER_TIMED];
    }

    /** Inclusive time of those calls, probe cost subtracted. */
    public long otherNanos() {
        long[] o = offTree;
        return o == null ? 0 : o[OTHER_NANOS];
    }

    public long otherMeasuredNanos() {
        long[] o = offTree;
        return o == null ? 0 : o[OTHER_MEASURED];
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
