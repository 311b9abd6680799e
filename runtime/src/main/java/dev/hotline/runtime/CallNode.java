package dev.hotline.runtime;

/**
 * A node of a thread's calling-context tree: one distinct path of instrumented calls from the
 * thread's outermost call, with exact counts and times. Edges (caller to callee) and the exact
 * flame graph are derived from these trees at flush time.
 *
 * <p>Children are kept in a small open-addressing table keyed by method id: a lookup is one
 * multiply, one mask and usually one comparison.
 *
 * <p>Thread-safety: written by the owning thread only.
 */
public final class CallNode {

    static final int ROOT_ID = -1;

    private final int methodId;
    long calls;
    long totalNanos;
    long selfNanos;

    private CallNode[] table = new CallNode[4];
    private int childCount;

    CallNode(int methodId) {
        this.methodId = methodId;
    }

    CallNode child(int id) {
        CallNode[] t = table;
        int mask = t.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            CallNode node = t[i];
            if (node == null) {
                return addChild(id);
            }
            if (node.methodId == id) {
                return node;
            }
        }
    }

    private CallNode addChild(int id) {
        if (2 * (childCount + 1) > table.length) {
            rehash(table.length * 2);
        }
        CallNode node = new CallNode(id);
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

    void record(long elapsed, long self) {
        calls++;
        totalNanos += elapsed;
        selfNanos += self;
    }

    /** The method probe id of this node, or -1 for a thread's root. */
    public int methodId() {
        return methodId;
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
