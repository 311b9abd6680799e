package dev.hotline.runtime;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The recording state of one thread: per-method counters, a shadow stack of the open instrumented
 * calls, and the calling-context tree those calls form.
 *
 * <p>Thread-safety: written only by its own thread, with plain (non-atomic, non-volatile) stores, so
 * counts are exact without synchronization. A flush reads it from another thread; values of a thread
 * that is still running may then be a few calls stale, never torn (64-bit JVMs write longs whole).
 *
 * <p>Allocation: none on the hot path once a method has been called once from a given calling
 * context on this thread (its counters, histogram buckets and call-tree node then exist).
 */
public final class ThreadRecorder {

    private final String threadName;
    private final long threadId;
    private final WeakReference<Thread> thread;

    /**
     * Per-method and per-line counters in pages of {@link #PAGE} ids, allocated when an id of the
     * page first runs on this thread: a thread that calls a handful of methods out of 50,000 holds
     * a few small pages, not an array as long as every id.
     */
    static final int PAGE_BITS = 8;
    static final int PAGE = 1 << PAGE_BITS;
    private MethodCounters[][] methods = new MethodCounters[4][];
    private LineCounters[][] lines = new LineCounters[0][];
    /**
     * Hit counters of methods with counted (untimed) lines, keyed by the id of the method's first
     * line probe: {@code hits[k]} counts line probe {@code first + k}. Instrumented code increments
     * them itself ({@code h[k]++}), so a hit costs no call and no clock read.
     */
    private long[][][] lineHits = new long[0][][];

    // The shadow stack, as parallel arrays: frame d is the d-th open instrumented call.
    private int depth;
    private int[] frameMethod = new int[8];
    private long[] frameStart = new long[8];
    private long[] frameChildNanos = new long[8];
    private MethodCounters[] frameCounters = new MethodCounters[8];
    private CallNode[] frameNode = new CallNode[8];
    /** The line probe open in each frame (-1: none) and when it was entered. */
    private int[] frameLine = new int[8];
    private long[] frameLineStart = new long[8];

    private final CallNode root = new CallNode(CallNode.ROOT_ID);
    private final AllocationCounters allocations = new AllocationCounters();
    private long abandonedFrames;

    /**
     * Handed to a call when no recorder could be made for its thread (OutOfMemoryError): shared,
     * it records nothing, so nothing is thrown into the application.
     */
    static final ThreadRecorder DISCARD = new ThreadRecorder();

    private final boolean discard;

    private ThreadRecorder() {
        this.threadName = "(discarded)";
        this.threadId = -1;
        this.thread = new WeakReference<Thread>(null);
        this.discard = true;
    }

    ThreadRecorder(Thread thread) {
        this.discard = false;
        this.threadName = thread.getName();
        this.threadId = thread.getId();
        this.thread = new WeakReference<Thread>(thread);
    }

    /** Whether the owning thread has ended: this recorder will not change again. */
    public boolean threadEnded() {
        Thread t = thread.get();
        return t == null || !t.isAlive();
    }

    void enter(int methodId) {
        if (discard) {
            return;
        }
        int d = depth;
        MethodCounters counters;
        CallNode node;
        try {
            counters = counters(methodId);
            if (d == frameMethod.length) {
                growStack();
            }
            node = (d == 0 ? root : frameNode[d - 1]).child(methodId);
        } catch (OutOfMemoryError e) {
            // The heap is full: record nothing for this call (its exit finds no frame and is
            // ignored) rather than throw into the application.
            abandonedFrames++;
            return;
        }
        frameNode[d] = node;
        frameMethod[d] = methodId;
        frameCounters[d] = counters;
        frameChildNanos[d] = 0;
        frameLine[d] = -1;
        counters.active++;
        depth = d + 1;
        frameStart[d] = System.nanoTime(); // last, so the probe's own work is not in the call's time
    }

    void exit(int methodId, boolean thrown) {
        if (discard) {
            return;
        }
        long end = System.nanoTime(); // first, for the same reason
        int d = depth - 1;
        if (d < 0 || frameMethod[d] != methodId) {
            d = unwindTo(methodId);
            if (d < 0) {
                return; // an exit without a recorded entry (e.g. a call already running at attach)
            }
        }
        int openLine = frameLine[d];
        if (openLine >= 0) {
            recordLine(openLine, end - frameLineStart[d]);
        }
        long elapsed = end - frameStart[d];
        long self = elapsed - frameChildNanos[d];
        frameCounters[d].record(elapsed, self, thrown);
        frameNode[d].record(elapsed, self);
        depth = d;
        if (d > 0) {
            frameChildNanos[d - 1] += elapsed;
        }
    }

    /**
     * Execution of {@code methodId}'s top frame enters the code of line probe {@code lineId}: the
     * line open in that frame, if any, ends now. One clock read per line entered.
     */
    void allocation(int site) {
        if (discard) {
            return;
        }
        try {
            allocations.count(site);
        } catch (OutOfMemoryError e) {
            abandonedFrames++; // heap full while growing the counters: lose this count, never throw
        }
    }

    void arrayAllocation(int site, int length, int elementBytes) {
        if (discard) {
            return;
        }
        try {
            allocations.count(site, ArrayLayout.arrayBytes(length, elementBytes));
        } catch (OutOfMemoryError e) {
            abandonedFrames++;
        }
    }

    /**
     * A {@code multianewarray} with up to three dimensions given: counts one allocation and the
     * bytes of every array it creates. {@code dims} is how many were given; {@code leafBytes} is
     * the element size of the last given level (0: reference); upper levels hold references.
     */
    void multiArrayAllocation(int site, int dims, int d1, int d2, int d3, int leafBytes) {
        if (discard) {
            return;
        }
        long total = ArrayLayout.arrayBytes(d1, dims == 1 ? leafBytes : 0);
        if (dims >= 2) {
            long level2 = ArrayLayout.arrayBytes(d2, dims == 2 ? leafBytes : 0);
            if (dims >= 3) {
                level2 += (long) d2 * ArrayLayout.arrayBytes(d3, leafBytes);
            }
            total += (long) d1 * level2;
        }
        try {
            allocations.count(site, total);
        } catch (OutOfMemoryError e) {
            abandonedFrames++;
        }
    }

    void line(int methodId, int lineId) {
        if (discard) {
            return;
        }
        long now = System.nanoTime();
        int d = depth - 1;
        if (d < 0 || frameMethod[d] != methodId) {
            d = unwindTo(methodId);
            if (d < 0) {
                return;
            }
            depth = d + 1;
        }
        int openLine = frameLine[d];
        if (openLine >= 0) {
            recordLine(openLine, now - frameLineStart[d]);
        }
        frameLine[d] = lineId;
        frameLineStart[d] = now;
    }

    /**
     * The top frame is not {@code methodId}'s: frames above it were left without an exit probe (an
     * error thrown inside a probe, such as StackOverflowError). Drops them, uncounted, and returns
     * the depth of {@code methodId}'s frame, or -1 (leaving the stack as it is) if it is not open.
     */
    private int unwindTo(int methodId) {
        for (int d = depth - 1; d >= 0; d--) {
            if (frameMethod[d] == methodId) {
                for (int dropped = depth - 1; dropped > d; dropped--) {
                    frameCounters[dropped].active--;
                    abandonedFrames++;
                }
                return d;
            }
        }
        return -1;
    }

    private MethodCounters counters(int methodId) {
        int page = methodId >>> PAGE_BITS;
        MethodCounters[][] m = methods;
        if (page >= m.length) {
            m = methods = Arrays.copyOf(m, Math.max(page + 1, m.length * 2));
        }
        MethodCounters[] p = m[page];
        if (p == null) {
            p = m[page] = new MethodCounters[PAGE];
        }
        MethodCounters counters = p[methodId & (PAGE - 1)];
        if (counters == null) {
            counters = p[methodId & (PAGE - 1)] = new MethodCounters();
        }
        return counters;
    }

    private void recordLine(int lineId, long elapsed) {
        try {
            lineCounters(lineId).record(elapsed);
        } catch (OutOfMemoryError e) {
            abandonedFrames++; // heap full: lose this line sample, never throw into the application
        }
    }

    private LineCounters lineCounters(int lineId) {
        int page = lineId >>> PAGE_BITS;
        LineCounters[][] l = lines;
        if (page >= l.length) {
            l = lines = Arrays.copyOf(l, Math.max(page + 1, Math.max(4, l.length * 2)));
        }
        LineCounters[] p = l[page];
        if (p == null) {
            p = l[page] = new LineCounters[PAGE];
        }
        LineCounters counters = p[lineId & (PAGE - 1)];
        if (counters == null) {
            counters = p[lineId & (PAGE - 1)] = new LineCounters();
        }
        return counters;
    }

    /**
     * This thread's hit counters of the method whose {@code count} counted lines start at line
     * probe {@code firstLine}; made the first time the method runs on this thread.
     */
    long[] lineHits(int firstLine, int count) {
        int page = firstLine >>> PAGE_BITS;
        long[][][] h = lineHits;
        if (page >= h.length) {
            h = lineHits = Arrays.copyOf(h, Math.max(page + 1, Math.max(4, h.length * 2)));
        }
        long[][] p = h[page];
        if (p == null) {
            p = h[page] = new long[PAGE][];
        }
        long[] hits = p[firstLine & (PAGE - 1)];
        if (hits == null) {
            hits = p[firstLine & (PAGE - 1)] = new long[count];
        }
        return hits;
    }

    /**
     * The hit counters of the method whose counted lines start at line probe {@code firstLine}, or
     * null if it never ran on this thread. Entry {@code k} counts line probe {@code firstLine + k}.
     */
    public long[] lineHitsOf(int firstLine) {
        long[][][] h = lineHits;
        int page = firstLine >>> PAGE_BITS;
        long[][] p = page < h.length ? h[page] : null;
        return p == null ? null : p[firstLine & (PAGE - 1)];
    }

    /** First-line ids below this may have hit counters here. */
    public int lineHitsIdLimit() {
        return lineHits.length << PAGE_BITS;
    }

    private void growStack() {
        int n = frameMethod.length * 2;
        frameMethod = Arrays.copyOf(frameMethod, n);
        frameStart = Arrays.copyOf(frameStart, n);
        frameChildNanos = Arrays.copyOf(frameChildNanos, n);
        frameCounters = Arrays.copyOf(frameCounters, n);
        frameNode = Arrays.copyOf(frameNode, n);
        frameLine = Arrays.copyOf(frameLine, n);
        frameLineStart = Arrays.copyOf(frameLineStart, n);
    }

    public String threadName() {
        return threadName;
    }

    public long threadId() {
        return threadId;
    }

    /** The counters of method probe {@code id}, or null if this thread never called it. */
    public MethodCounters methodCounters(int id) {
        MethodCounters[][] m = methods;
        int page = id >>> PAGE_BITS;
        MethodCounters[] p = page < m.length ? m[page] : null;
        return p == null ? null : p[id & (PAGE - 1)];
    }

    /** Method probe ids below this may have counters here. */
    public int methodIdLimit() {
        return methods.length << PAGE_BITS;
    }

    /** The counters of line probe {@code id}, or null if this thread never ran it. */
    public LineCounters lineCountersOf(int id) {
        LineCounters[][] l = lines;
        int page = id >>> PAGE_BITS;
        LineCounters[] p = page < l.length ? l[page] : null;
        return p == null ? null : p[id & (PAGE - 1)];
    }

    /** Line probe ids below this may have counters here. */
    public int lineIdLimit() {
        return lines.length << PAGE_BITS;
    }

    /** What this thread allocated at each allocation site. */
    public AllocationCounters allocations() {
        return allocations;
    }

    /** The root of this thread's calling-context tree (its children are the outermost calls). */
    public CallNode callTreeRoot() {
        return root;
    }

    /** Calls that were still open on this thread when this was read. */
    public int openCalls() {
        return depth;
    }

    /** Frames dropped because their exit probe never ran (see {@link #unwindTo}). */
    public long abandonedFrames() {
        return abandonedFrames;
    }
}
