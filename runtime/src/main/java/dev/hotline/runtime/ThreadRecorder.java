package dev.hotline.runtime;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The recording state of one thread: a shadow stack of the open instrumented calls, the
 * calling-context tree those calls form (exact counts, estimated times), per-method and per-line
 * counters, allocation counters.
 *
 * <p><b>Timing.</b> Every call is counted in its call-tree node. A call is timed when its node's
 * countdown runs out: always, for a method that times every call (interval 1), or about one call in
 * N at random for a method whose calls are short against the probe's cost (adaptive timing,
 * {@link ProbeCosts#intervalFor}); a timed call then stands for N calls (its weight). A timed call's
 * time is its measured time minus the probe cost inside it: its own probe's inner part and the whole
 * cost of every probe that ran beneath it. That cost comes from one per-thread running total,
 * {@code probeCostPs}, to which every probe adds its calibrated cost ({@link ProbeCosts}); a frame
 * remembers the total at its start, so the probes beneath a call are exactly the difference at its
 * end. Sums keep the signed difference (unbiased); per-call values (histogram, min, max) are clamped
 * at 0 and the clamps counted.
 *
 * <p><b>The fast path.</b> {@link #enter} and {@link #exit} of a call that is not timed touch the
 * node and the stack only: small enough for C2 to inline into the instrumented method; everything
 * else (timing, growing, unwinding, discarding) is out of line. Frame 0 of the stack is the root
 * sentinel, so a frame's parent is always at {@code d - 1}.
 *
 * <p>Thread-safety: written only by its own thread, with plain (non-atomic, non-volatile) stores, so
 * counts are exact without synchronization. A flush reads it from another thread; values of a thread
 * that is still running may then be a few calls stale, never torn (64-bit JVMs write longs whole).
 *
 * <p>Allocation: none on the hot path once a method has been called once from a given calling
 * context on this thread (its counters, histogram buckets and call-tree node then exist).
 */
public final class ThreadRecorder {

    /** {@code frameStart} of a frame whose call is counted but not timed. */
    private static final long UNTIMED = Long.MIN_VALUE;

    private static final Paged.Factory<MethodCounters> NEW_METHOD = new Paged.Factory<MethodCounters>() {
        @Override
        public MethodCounters create(int id) {
            return new MethodCounters();
        }
    };
    private static final Paged.Factory<LineCounters> NEW_LINE = new Paged.Factory<LineCounters>() {
        @Override
        public LineCounters create(int id) {
            return new LineCounters();
        }
    };

    private final String threadName;
    private final long threadId;
    private final WeakReference<Thread> thread;

    private final Paged<MethodCounters> methods = new Paged<MethodCounters>();
    private final Paged<LineCounters> lines = new Paged<LineCounters>();
    /**
     * Hit counters of methods with counted (untimed) lines, keyed by the id of the method's first
     * line probe: {@code hits[k]} counts line probe {@code first + k}. Instrumented code increments
     * them itself ({@code h[k]++}), so a hit costs no call and no clock read.
     */
    private final Paged<long[]> lineHits = new Paged<long[]>();
    private final AllocationCounters allocations = new AllocationCounters();

    // The shadow stack, as parallel arrays: frame d >= 1 is the d-th open instrumented call.
    private int depth = 1;
    private CallNode[] frameNode;
    /** When the call started, or UNTIMED. */
    private long[] frameStart;
    /** probeCostPs when the call started (timed frames). */
    private long[] frameCost;
    /** How many calls the timed call stands for (its sampling interval). */
    private int[] frameWeight;
    /** The line probe open in each timed frame (-1: none), when it was entered and probeCostPs then. */
    private int[] frameLine;
    private long[] frameLineStart;
    private long[] frameLineCost;

    private final CallNode root = new CallNode(CallNode.ROOT_ID, null);
    /** The calibrated cost of every probe this thread ran so far, in picoseconds. */
    private long probeCostPs;
    private long clampedTimes;
    private long abandonedFrames;
    private int random;

    /**
     * Handed to a call when no recorder could be made for its thread (OutOfMemoryError): shared,
     * it records nothing, so nothing is thrown into the application. Its stack has room for the root
     * only, so every probe takes the slow path, which checks {@link #discard}.
     */
    static final ThreadRecorder DISCARD = new ThreadRecorder();

    private final boolean discard;

    private ThreadRecorder() {
        this.threadName = "(discarded)";
        this.threadId = -1;
        this.thread = new WeakReference<Thread>(null);
        this.discard = true;
        allocateStack(1);
    }

    ThreadRecorder(Thread thread) {
        this.discard = false;
        this.threadName = thread.getName();
        this.threadId = thread.getId();
        this.thread = new WeakReference<Thread>(thread);
        this.random = (int) (thread.getId() * 0x9E3779B97F4A7C15L ^ System.nanoTime()) | 1;
        allocateStack(8);
    }

    private void allocateStack(int n) {
        frameNode = new CallNode[n];
        frameNode[0] = root;
        frameStart = new long[n];
        frameCost = new long[n];
        frameWeight = new int[n];
        frameLine = new int[n];
        frameLineStart = new long[n];
        frameLineCost = new long[n];
    }

    /** Whether the owning thread has ended: this recorder will not change again. */
    public boolean threadEnded() {
        Thread t = thread.get();
        return t == null || !t.isAlive();
    }

    /** The start of a call of {@code methodId}. Returns this recorder (for {@link Probes#enter}). */
    ThreadRecorder enter(int methodId) {
        int d = depth;
        CallNode[] nodes = frameNode;
        if (d < nodes.length) {
            CallNode node = nodes[d - 1].child(methodId);
            if (node != null) {
                nodes[d] = node;
                depth = d + 1;
                if (--node.countdown > 0) {
                    frameStart[d] = UNTIMED;
                } else {
                    startTimed(d, node);
                }
                return this;
            }
        }
        enterSlow(methodId);
        return this;
    }

    /** A new calling context, a full stack, or the discarding recorder. */
    private void enterSlow(int methodId) {
        if (discard) {
            return;
        }
        int d = depth;
        CallNode node;
        try {
            if (d == frameNode.length) {
                growStack();
            }
            CallNode parent = frameNode[d - 1];
            node = parent.child(methodId);
            if (node == null) {
                node = parent.findOrAdd(methodId, methods.getOrCreate(methodId, NEW_METHOD));
            }
        } catch (OutOfMemoryError e) {
            // The heap is full: record nothing for this call (its exit finds no frame and is
            // ignored) rather than throw into the application.
            abandonedFrames++;
            return;
        }
        frameNode[d] = node;
        depth = d + 1;
        if (--node.countdown > 0) {
            frameStart[d] = UNTIMED;
        } else {
            startTimed(d, node);
        }
    }

    private void startTimed(int d, CallNode node) {
        frameWeight[d] = node.interval; // the interval the countdown that ran out was drawn with
        int next = node.counters.interval;
        node.interval = next;
        node.countdown = next == 1 ? 1 : nextCountdown(next);
        frameLine[d] = -1;
        frameCost[d] = probeCostPs;
        frameStart[d] = System.nanoTime(); // last, so the probe's own work is not in the call's time
    }

    /** The normal end (a return) of the call of {@code methodId} on top of the stack. */
    void exit(int methodId) {
        int d = depth - 1;
        CallNode node = frameNode[d];
        if (node.methodId() == methodId) {
            long start = frameStart[d];
            if (start == UNTIMED) {
                node.calls++;
                probeCostPs += ProbeCosts.untimedCallPs;
                depth = d;
            } else {
                exitTimed(d, node, start);
            }
            return;
        }
        exitSlow(methodId, false);
    }

    /** The end of the call of {@code methodId} by an exception. */
    void exitThrown(int methodId) {
        exitSlow(methodId, true);
    }

    private void exitSlow(int methodId, boolean thrown) {
        if (discard) {
            return;
        }
        int d = depth - 1;
        if (frameNode[d].methodId() != methodId) {
            d = unwindTo(methodId);
            if (d < 0) {
                return; // an exit without a recorded entry (e.g. a call already running at attach)
            }
        }
        CallNode node = frameNode[d];
        if (thrown) {
            node.counters.exceptions++;
        }
        long start = frameStart[d];
        if (start == UNTIMED) {
            node.calls++;
            probeCostPs += ProbeCosts.untimedCallPs;
            depth = d;
        } else {
            exitTimed(d, node, start);
        }
    }

    private void exitTimed(int d, CallNode node, long start) {
        long end = System.nanoTime(); // first, so the rest of the probe is not in the call's time
        int weight = frameWeight[d];
        int openLine = frameLine[d];
        if (openLine >= 0) {
            endLine(d, openLine, end, weight);
        }
        long measured = end - start;
        boolean sampled = weight > 1;
        long nanos = ownNanos(measured, probeCostPs - frameCost[d],
                sampled ? ProbeCosts.sampledInnerPs : ProbeCosts.timedInnerPs);
        node.calls++;
        node.timedCalls++;
        node.totalNanos += nanos * weight;
        node.measuredNanos += measured * weight;
        node.counters.recordTimed(clamp(nanos), weight);
        probeCostPs += sampled ? ProbeCosts.sampledCallPs : ProbeCosts.timedCallPs;
        depth = d;
    }

    /** A measured interval minus the probe cost inside it, rounded to ns; may be negative (noise). */
    private static long ownNanos(long measured, long beneathPs, long innerPs) {
        return Math.floorDiv(measured * 1000 - beneathPs - innerPs + 500, 1000);
    }

    private long clamp(long nanos) {
        if (nanos < 0) {
            clampedTimes++;
            return 0;
        }
        return nanos;
    }

    /** Counts one allocation of an instance at allocation site {@code site}. */
    void allocation(int site) {
        if (discard) {
            return;
        }
        try {
            allocations.count(site);
        } catch (OutOfMemoryError e) {
            abandonedFrames++; // heap full while growing the counters: lose this count, never throw
        }
        probeCostPs += ProbeCosts.allocationPs;
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
        probeCostPs += ProbeCosts.allocationPs;
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
        probeCostPs += ProbeCosts.allocationPs;
    }

    /**
     * Execution of {@code methodId}'s top frame enters the code of line probe {@code lineId}. In a
     * timed invocation the line open in that frame, if any, ends now (one clock read per line
     * entered); in one that is not timed the line is only counted.
     */
    void line(int methodId, int lineId) {
        int d = depth - 1;
        if (frameNode[d].methodId() != methodId) {
            if (discard) {
                return;
            }
            d = unwindTo(methodId);
            if (d < 0) {
                return;
            }
        }
        if (frameStart[d] == UNTIMED) {
            countLine(lineId);
            return;
        }
        long now = System.nanoTime();
        int openLine = frameLine[d];
        if (openLine >= 0) {
            endLine(d, openLine, now, frameWeight[d]);
        }
        probeCostPs += ProbeCosts.lineTimedPs;
        frameLine[d] = lineId;
        frameLineCost[d] = probeCostPs;
        frameLineStart[d] = now;
    }

    private void endLine(int d, int lineId, long end, int weight) {
        long measured = end - frameLineStart[d];
        long nanos = ownNanos(measured, probeCostPs - frameLineCost[d], ProbeCosts.lineInnerPs);
        if (nanos < 0) {
            clampedTimes++;
        }
        try {
            lines.getOrCreate(lineId, NEW_LINE).record(nanos, measured, weight);
        } catch (OutOfMemoryError e) {
            abandonedFrames++; // heap full: lose this line sample, never throw into the application
        }
    }

    private void countLine(int lineId) {
        try {
            lines.getOrCreate(lineId, NEW_LINE).hits++;
        } catch (OutOfMemoryError e) {
            abandonedFrames++;
        }
        probeCostPs += ProbeCosts.lineCountedPs;
    }

    /**
     * The top frame is not {@code methodId}'s: frames above it were left without an exit probe (an
     * error thrown inside a probe, such as StackOverflowError). Drops them, uncounted, and returns
     * the depth of {@code methodId}'s frame, or -1 (leaving the stack as it is) if it is not open.
     */
    private int unwindTo(int methodId) {
        for (int d = depth - 1; d >= 1; d--) {
            if (frameNode[d].methodId() == methodId) {
                abandonedFrames += depth - 1 - d;
                depth = d + 1;
                return d;
            }
        }
        return -1;
    }

    /** Uniform in [1, 2 * interval - 1], mean {@code interval}: a periodic program cannot alias with it. */
    private int nextCountdown(int interval) {
        int x = random;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        random = x;
        return 1 + (int) (((x & 0x7FFFFFFFL) * (2L * interval - 1)) >>> 31);
    }

    /**
     * This thread's hit counters of the method whose {@code count} counted lines start at line
     * probe {@code firstLine}; made the first time the method runs on this thread.
     */
    long[] lineHits(final int firstLine, final int count) {
        probeCostPs += ProbeCosts.lineHitsPs;
        long[] hits = lineHits.get(firstLine);
        if (hits == null) {
            hits = lineHits.getOrCreate(firstLine, new Paged.Factory<long[]>() {
                @Override
                public long[] create(int id) {
                    return new long[count];
                }
            });
        }
        return hits;
    }

    /**
     * The hit counters of the method whose counted lines start at line probe {@code firstLine}, or
     * null if it never ran on this thread. Entry {@code k} counts line probe {@code firstLine + k}.
     */
    public long[] lineHitsOf(int firstLine) {
        return lineHits.get(firstLine);
    }

    /** First-line ids below this may have hit counters here. */
    public int lineHitsIdLimit() {
        return lineHits.idLimit();
    }

    private void growStack() {
        int n = frameNode.length * 2;
        frameNode = Arrays.copyOf(frameNode, n);
        frameStart = Arrays.copyOf(frameStart, n);
        frameCost = Arrays.copyOf(frameCost, n);
        frameWeight = Arrays.copyOf(frameWeight, n);
        frameLine = Arrays.copyOf(frameLine, n);
        frameLineStart = Arrays.copyOf(frameLineStart, n);
        frameLineCost = Arrays.copyOf(frameLineCost, n);
    }

    public String threadName() {
        return threadName;
    }

    public long threadId() {
        return threadId;
    }

    /** The counters of method probe {@code id}, or null if this thread never called it. */
    public MethodCounters methodCounters(int id) {
        return methods.get(id);
    }

    /** Method probe ids below this may have counters here. */
    public int methodIdLimit() {
        return methods.idLimit();
    }

    /** The counters of line probe {@code id}, or null if this thread never ran it. */
    public LineCounters lineCountersOf(int id) {
        return lines.get(id);
    }

    /** Line probe ids below this may have counters here. */
    public int lineIdLimit() {
        return lines.idLimit();
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
        return depth - 1;
    }

    /** Frames dropped because their exit probe never ran (see {@link #unwindTo}). */
    public long abandonedFrames() {
        return abandonedFrames;
    }

    /** Timed calls and lines whose measured time was below the probe cost subtracted: recorded as 0. */
    public long clampedTimes() {
        return clampedTimes;
    }

    /** The calibrated cost of the probes this thread ran, in picoseconds: what was subtracted. */
    public long probeCostPs() {
        return probeCostPs;
    }
}
