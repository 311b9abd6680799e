package dev.hotline.runtime;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import jdk.internal.vm.annotation.DontInline;

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
 * <p><b>The stack is the tree, and recursion is folded.</b> A call of a method none of whose calls
 * is open follows the tree's edge from the caller's node to the method's child node: entering is
 * moving {@link #top} to that child, returning is moving it back to the parent, and the call's
 * state lives in its node ({@code start}). So no method appears twice on a path, and the tree is
 * bounded by the program's call graph rather than by the interleavings of its recursion. A call of
 * a method that is already open on the thread (recursion, direct or through others) is
 * <em>folded</em>: it lands on the node of the method's outermost open call
 * ({@link MethodCounters#openIndex}), and, being off the tree's edges, is pushed on a small side
 * stack that remembers its caller's node and the state of the node it borrowed. Past the node limit
 * ({@link CallTreeLimits}) a call that would make a node lands on its method's flat node instead
 * (the overflow; every call made from there lands on flat nodes too), also on the side stack.
 * Off-tree calls are counted where they land (folded calls apart, so a method's total time counts
 * no recursion twice), their time is taken from their caller's self time, their edge goes to
 * {@link OffTreeEdges}: every method's calls, self and total time and every edge stay exact (with
 * every call timed) whatever was folded or capped. Timed calls keep what else they need (the
 * running probe cost at their start, their weight, their open line) in small arrays indexed by
 * {@code timedDepth}.
 *
 * <p><b>The fast path.</b> {@link #enter} and {@link #exit} of a call that is not timed and not
 * recursive touch the node, its method's counters (whether it is open) and {@code top} only: a few dependent loads, small enough for C2 to inline into the
 * instrumented method; everything else (timing, new contexts, unwinding, discarding) is out of line.
 *
 * <p>Thread-safety: written only by its own thread, with plain (non-atomic, non-volatile) stores, so
 * counts are exact without synchronization. A flush reads it from another thread; values of a thread
 * that is still running may then be a few calls stale, never torn (64-bit JVMs write longs whole).
 *
 * <p>Allocation: none on the hot path once a method has been called once from a given calling
 * context on this thread (its counters, histogram buckets and call-tree node then exist).
 */
public final class ThreadRecorder {

    /**
     * A timed call of a sampled method (whose calls take nanoseconds: it was sampled because they
     * are short against the probe) that took longer than this was struck by a pause of the whole
     * thread (a GC, a safepoint, the OS taking the core away): it is counted as itself, not for the
     * N calls it was drawn from, as with every call timed. Weighted N times, one such pause made a
     * method of 20 ns read as taking longer than the whole program (a 8 ms pause × 1,024).
     */
    static final long PAUSE_NANOS = 100_000;

    /**
     * {@code CallNode.start} of a node with no timed call open on it: of every node whose method is
     * not open, so the fast path never writes it ({@link #enter}); set again when a timed call ends.
     */
    static final long UNTIMED = Long.MIN_VALUE;
    /** {@code CallNode.start} of an open off-tree call (folded or overflow) that is not timed. */
    static final long OFF_TREE_UNTIMED = Long.MIN_VALUE + 1;

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
    private final OffTreeEdges offTreeEdges = new OffTreeEdges();

    /** Open off-tree calls (folded or overflow), innermost last: the index of the node each landed on, */
    private int[] offNode;
    /** the index of its caller's node (where it returns to), */
    private int[] offCaller;
    /** whether its method was already open (folded), */
    private boolean[] offRecursive;
    /** and the landing node's start and slot before it, restored at its end. */
    private long[] offSavedStart;
    private int[] offSavedSlot;
    private int[] offSavedSkip;
    private int offDepth;
    /** The index of the node the innermost open off-tree call landed on; -1 when none is open. */
    private int offTop = -1;
    /** Tree nodes this thread made (its share of {@link CallTreeLimits}). */
    private int nodes;
    /** False for the calibration's recorder: its few nodes must exist whatever the limits. */
    private boolean limited = true;

    /**
     * Every node of this thread's tree and its flat nodes, by {@link CallNode#index} (the root is 0).
     * The probes keep nodes by index, so that the fast path stores no reference: under G1 every
     * reference store carries a pre- and a post-write barrier (some 20 instructions and, across
     * regions, a StoreLoad fence), which made the inlined probe code large and slow.
     */
    private CallNode[] nodeAt = new CallNode[16];
    private int indexed;
    /** The index of the node of the innermost open call; the root's (0) when none is open. */
    private int top;
    /** Open timed calls; slot k of the arrays below is the k-th of them. */
    private int timedDepth;
    /** probeCostPs when the call started. */
    private long[] timedCost;
    /** How many calls the timed call stands for (its sampling interval). */
    private int[] timedWeight;
    /**
     * The line open in each timed call (-1: none), when it was entered, probeCostPs then less the
     * line probes' part inside its interval (so that the difference at its end is all the probe cost
     * to take from it), and how many hits it stands for (its invocation's weight times the line
     * interval it was drawn with).
     */
    private int[] timedLine;
    private long[] timedLineStart;
    private long[] timedLineCost;
    private int[] timedLineWeight;
    /** The time of the timed calls made while each timed call's line is open (as measured), for the pause test. */
    private long[] timedLineCallee;
    /**
     * Line probes of the innermost open timed call still to skip before one calls in ({@link
     * Probes#line} decrements it inline and calls {@link #line} when it goes below 0): with lines
     * sampled one in L, a timed invocation's skipped line costs a decrement, not a call. MAX_VALUE
     * while no timed call is open, or an off-tree call that is not timed is (its lines are only counted).
     */
    int lineSkip = Integer.MAX_VALUE;
    /** The value {@link #lineSkip} was last set to for each timed call: what it went down by since is how many line probes ran. */
    private int[] timedSkipSet;
    /** {@link #lineSkip} of the code around each timed call, restored at its end. */
    private int[] timedSavedSkip;

    private final CallNode root = new CallNode(CallNode.ROOT_ID, null, -1);
    /** The calibrated cost of every probe this thread ran so far, in picoseconds. */
    private long probeCostPs;
    private long clampedTimes;
    private long abandonedFrames;
    private int random;

    /**
     * Handed to a call when no recorder could be made for its thread (OutOfMemoryError): shared,
     * it records nothing, so nothing is thrown into the application. Its root never gets a child,
     * so every probe takes the slow path, which checks {@link #discard}.
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
        index(root);
        top = root.index;
        offNode = new int[n];
        offCaller = new int[n];
        offRecursive = new boolean[n];
        offSavedStart = new long[n];
        offSavedSlot = new int[n];
        offSavedSkip = new int[n];
        timedCost = new long[n];
        timedWeight = new int[n];
        timedLine = new int[n];
        timedLineStart = new long[n];
        timedLineCost = new long[n];
        timedLineWeight = new int[n];
        timedLineCallee = new long[n];
        timedSkipSet = new int[n];
        timedSavedSkip = new int[n];
    }

    /** Whether the owning thread has ended: this recorder will not change again. */
    public boolean threadEnded() {
        Thread t = thread.get();
        return t == null || !t.isAlive();
    }

    /**
     * What {@link #enter} returns for a call whose exit must take the slow path: a timed call, an
     * off-tree call (folded or overflow), a call not recorded at all.
     */
    static final int SLOW_EXIT = Integer.MIN_VALUE;

    /**
     * The start of a call of {@code methodId}. Returns, for {@link #exit}, the index of the caller's
     * node if the call is an untimed one along the tree's edge (its exit can take the fast path),
     * its complement ({@code ~index}) if it is one made under an off-tree call (its exit clears its
     * method's open mark), else {@link #SLOW_EXIT}. The instrumented method keeps it in a local.
     *
     * <p>C2 inlines this and {@link #exit} into every instrumented method, and into every method
     * that inlines one, so their bytecode is paid in compile time and out of the inlining budget of
     * the program's own code (on javac, probe code was 82 % of the bytecode C2 inlined into a hot
     * method, and the program's own calls failed to inline past C2's node limit). So they hold only
     * the common case: no off-tree call open. Under one (recursive code), calls go out of line.
     * The fast path writes only the countdown and {@code top}: the node's {@code start} is already
     * {@link #UNTIMED}, as on every node whose method is not open, and with no off-tree call open
     * the open calls are the tree's path to the caller's node, on which no method appears twice, so
     * a child of that node is not open (no mark needed).
     */
    int enter(int methodId) {
        int caller = top;
        CallNode node = nodeAt[caller].child(methodId);
        if (node != null && offDepth == 0 && --node.countdown > 0) {
            top = node.index;
            return caller;
        }
        return enterSlow(methodId, node);
    }

    /**
     * Makes room in {@link #nodeAt} for one more node. Called before a node is made and linked, so
     * that an OutOfMemoryError here leaves nothing half made. May throw OutOfMemoryError.
     */
    private void reserveIndex() {
        if (indexed == nodeAt.length) {
            nodeAt = Arrays.copyOf(nodeAt, 2 * indexed);
        }
    }

    /** Gives {@code node} the next index (see {@link #nodeAt}); {@link #reserveIndex} made the room. */
    private void index(CallNode node) {
        node.index = indexed;
        nodeAt[indexed++] = node;
    }

    /** The node of {@code n}'s caller along the tree's edge, or null for a root or a flat node. */
    private CallNode parentOf(CallNode n) {
        return n.parentIndex < 0 ? null : nodeAt[n.parentIndex];
    }

    /**
     * A timed call that ended took {@code nanos} (weighted) of its caller's time: its caller's own
     * time leaves it out, and so does the own time of its caller's line hits if the caller's
     * invocation is timed (the line interval is decided by it).
     */
    private static void chargeCaller(CallNode caller, long nanos) {
        MethodCounters c = caller.counters;
        if (c != null) { // null: the root, which has no method
            c.windowCalleeNanos += nanos;
            if (caller.start > OFF_TREE_UNTIMED) {
                c.lineWindowCalleeNanos += nanos;
            }
        }
    }

    /**
     * A call to be timed ({@code node} non-null, its countdown run out), a recursive call (its
     * method open: folded), a new context (made, or past the limit: the overflow), or the discarder.
     */
    @DontInline
    private int enterSlow(int methodId, CallNode node) {
        if (discard) {
            return SLOW_EXIT;
        }
        MethodCounters c;
        try {
            c = node != null ? node.counters : methods.getOrCreate(methodId, NEW_METHOD);
        } catch (OutOfMemoryError e) {
            // The heap is full: record nothing for this call (its exit finds no frame and is
            // ignored) rather than throw into the application.
            abandonedFrames++;
            return SLOW_EXIT;
        }
        CallNode caller = nodeAt[top];
        // the fast path decremented the countdown only with no off-tree call open; under one, a call
        // along the tree's edge is counted below and marked open (its exit then clears the mark)
        boolean counted = node != null && offDepth == 0;
        if (node == null) {
            node = caller.find(methodId); // past its home slot, or null: none yet
        }
        // With no off-tree call open the marks are not kept (see enter): the method is open only if
        // it is on the path, and a child of the caller's node is not.
        CallNode open = offDepth > 0 ? (c.openIndex != 0 ? nodeAt[c.openIndex] : null)
                : node == null ? onPath(caller, methodId) : null;
        if (caller.flat) {
            // In the overflow every call lands on a flat node, a recursive one too (folded into
            // it): going back to a tree node would count this time again in the tree.
            enterOverflow(methodId, c, open != null);
            return SLOW_EXIT;
        }
        if (open != null) {
            enterOffTree(open, c, true);
            return SLOW_EXIT;
        }
        if (!counted) {
            if (node == null) {
                if (limited && !CallTreeLimits.tryTake(nodes)) {
                    enterOverflow(methodId, c, false);
                    return SLOW_EXIT;
                }
                try {
                    reserveIndex();
                    node = caller.add(methodId, c);
                    index(node);
                } catch (OutOfMemoryError e) {
                    if (limited) {
                        CallTreeLimits.release(1);
                    }
                    abandonedFrames++;
                    return SLOW_EXIT;
                }
                if (limited) {
                    nodes++;
                }
            }
            if (--node.countdown > 0) { // untimed, on the tree's edge: its exit takes the fast path,
                top = node.index;       // or, marked open under an off-tree call, clears the mark
                if (offDepth == 0) {
                    return caller.index;
                }
                c.openIndex = node.index;
                return ~caller.index;
            }
        }
        c.openIndex = node.index;
        top = node.index;
        startTimed(node);
        return SLOW_EXIT;
    }

    /** The node of {@code methodId} on the tree's path to {@code n} (n included), or null. */
    private CallNode onPath(CallNode n, int methodId) {
        for (; n.parentIndex >= 0; n = nodeAt[n.parentIndex]) {
            if (n.methodId == methodId) {
                return n;
            }
        }
        return null;
    }

    /**
     * The first off-tree call is about to open: marks every method on the tree's path to the top
     * open on its node, as the probes mark the methods entered while off-tree calls are open.
     */
    private void markOpenPath() {
        for (CallNode n = nodeAt[top]; n.parentIndex >= 0; n = nodeAt[n.parentIndex]) {
            n.counters.openIndex = n.index;
        }
    }

    /** The last off-tree call has ended: clears the marks {@link #markOpenPath} set (the path is the same). */
    private void clearOpenPath() {
        for (CallNode n = nodeAt[top]; n.parentIndex >= 0; n = nodeAt[n.parentIndex]) {
            n.counters.openIndex = 0;
        }
    }

    /** A call past the node limit, or made in the overflow: lands on its method's flat node. */
    private void enterOverflow(int methodId, MethodCounters c, boolean recursive) {
        CallNode flat = c.flatNode;
        if (flat == null) {
            try {
                reserveIndex();
                flat = CallNode.flat(methodId, c);
                index(flat);
                c.flatNode = flat;
            } catch (OutOfMemoryError e) {
                abandonedFrames++;
                return;
            }
        }
        enterOffTree(flat, c, recursive);
    }

    /**
     * A call that lands on {@code node} off the tree's edges: folded into its method's open node
     * ({@code recursive}), or on its flat node in the overflow.
     */
    private void enterOffTree(CallNode node, MethodCounters c, boolean recursive) {
        if (offDepth == offNode.length) {
            try {
                growOffTree();
            } catch (OutOfMemoryError e) {
                abandonedFrames++;
                return;
            }
        }
        if (offDepth == 0) {
            markOpenPath();
        }
        int k = offDepth++;
        offNode[k] = node.index;
        offCaller[k] = top;
        offRecursive[k] = recursive;
        offSavedStart[k] = node.start;
        offSavedSlot[k] = node.slot;
        offSavedSkip[k] = lineSkip;
        offTop = node.index;
        if (!recursive) {
            c.openIndex = node.index; // the outermost open call of the method, in the overflow
        }
        top = node.index;
        if (--node.countdown > 0) {
            node.start = OFF_TREE_UNTIMED;
            lineSkip = Integer.MAX_VALUE; // its line probes, passed T = SLOW_EXIT, only count
            return;
        }
        startTimed(node);
    }

    /** Starts timing the call that just landed on {@code node} (now {@link #top}). */
    private void startTimed(CallNode node) {
        if (timedDepth == timedCost.length) {
            try {
                growTimed();
            } catch (OutOfMemoryError e) {
                node.countdown = 1; // time a later call instead; count this one
                node.start = offDepth > 0 && offNode[offDepth - 1] == node.index ? OFF_TREE_UNTIMED : UNTIMED;
                return;
            }
        }
        int slot = timedDepth++;
        node.slot = slot;
        timedWeight[slot] = node.interval; // the interval the countdown that ran out was drawn with
        int next = node.counters.interval;
        node.interval = next;
        node.countdown = next == 1 ? 1 : nextCountdown(next);
        timedLine[slot] = -1;
        timedSavedSkip[slot] = lineSkip;
        // its first line probe calls in, and skips the rest as the method's line countdown says
        // (not read here: most timed calls have no line probes)
        setSkip(slot, 0);
        timedCost[slot] = probeCostPs;
        node.start = System.nanoTime(); // last, so the probe's own work is not in the call's time
    }

    /**
     * The normal end (a return) of the call of {@code methodId} on top of the stack; {@code caller}
     * is what its {@link #enter} returned. An untimed call on the tree's edge (caller not
     * {@link #SLOW_EXIT}) returns to {@code caller} on the fast path: the new top comes from the
     * instrumented method's local, not from the node, so the next call's enter need not wait for
     * this exit's loads. (The top is the one value every probe reads and writes: through the node,
     * one call's enter, its exit and the next call's enter formed a single chain of dependent loads
     * and stores.) The checks catch a call whose inner calls were left without an exit
     * ({@link #unwindTo}): the top is then not its node, or is an off-tree call's.
     */
    void exit(int caller, int methodId) {
        if (caller >= 0) { // not SLOW_EXIT, not entered with the open mark (~caller)
            CallNode node = nodeAt[top];
            if (node.methodId == methodId && node.parentIndex == caller && top != offTop) {
                node.calls++;
                probeCostPs += ProbeCosts.untimedCallPs;
                top = caller;
                return;
            }
        }
        exitSlow(methodId, false);
    }

    private void popUntimed(CallNode node) {
        node.calls++;
        node.counters.openIndex = 0;
        probeCostPs += ProbeCosts.untimedCallPs;
        top = node.parentIndex;
    }

    /** The end of the call of {@code methodId} by an exception. */
    void exitThrown(int methodId) {
        exitSlow(methodId, true);
    }

    @DontInline
    private void exitSlow(int methodId, boolean thrown) {
        if (discard) {
            return;
        }
        CallNode node = nodeAt[top];
        if (node.methodId != methodId) {
            node = unwindTo(methodId);
            if (node == null) {
                return; // an exit without a recorded entry (e.g. a call already running at attach)
            }
        }
        if (thrown) {
            node.counters.exceptions++;
        }
        if (offDepth > 0 && offNode[offDepth - 1] == node.index) {
            exitOffTree(node);
        } else if (node.start == UNTIMED) {
            popUntimed(node);
        } else {
            exitTimed(node);
        }
    }

    /** Set by {@link #endTimed}: the call's time, probe cost subtracted, and as measured, both weighted. */
    private long endedNanos;
    private long endedMeasured;

    private void exitTimed(CallNode node) {
        endTimed(node);
        node.start = UNTIMED;
        chargeCaller(nodeAt[node.parentIndex], endedNanos);
        node.calls++;
        node.timedCalls++;
        node.totalNanos += endedNanos;
        node.measuredNanos += endedMeasured;
        node.counters.openIndex = 0;
        top = node.parentIndex;
    }

    /** The end of an off-tree call: counted where it landed, its time taken from its caller, its edge recorded. */
    private void exitOffTree(CallNode node) {
        int k = offDepth - 1;
        CallNode caller = nodeAt[offCaller[k]];
        boolean recursive = offRecursive[k];
        boolean timed = node.start != OFF_TREE_UNTIMED;
        long nanos = 0;
        long measured = 0;
        if (timed) {
            endTimed(node);
            nanos = endedNanos;
            measured = endedMeasured;
        } else {
            probeCostPs += ProbeCosts.untimedCallPs;
        }
        popOffTree(node);
        if (timed) {
            // after the pop: folded into its own caller's node, the call's start was that node's
            chargeCaller(caller, nanos);
        }
        try {
            if (recursive) {
                long[] folded = node.offTree();
                folded[CallNode.FOLDED_CALLS]++;
                if (timed) {
                    folded[CallNode.FOLDED_TIMED]++;
                    folded[CallNode.FOLDED_NANOS] += nanos;
                    folded[CallNode.FOLDED_MEASURED] += measured;
                }
            } else {
                node.calls++;
                if (timed) {
                    node.timedCalls++;
                    node.totalNanos += nanos;
                    node.measuredNanos += measured;
                }
            }
            boolean otherPaths = node.flat && !caller.flat;
            // the caller's off-tree figures only when there is something to add (an untimed fold adds nothing)
            long[] out = timed || otherPaths ? caller.offTree() : null;
            if (timed) {
                out[CallNode.OUT_NANOS] += nanos;
                out[CallNode.OUT_MEASURED] += measured;
            }
            if (otherPaths) {
                out[CallNode.OTHER_CALLS]++;
                if (timed) {
                    out[CallNode.OTHER_TIMED]++;
                    out[CallNode.OTHER_NANOS] += nanos;
                    out[CallNode.OTHER_MEASURED] += measured;
                }
            }
            if (caller != root) {
                offTreeEdges.add(caller.methodId, node.methodId, timed, nanos, measured);
            }
        } catch (OutOfMemoryError e) {
            abandonedFrames++; // heap full: this call's off-tree counts are lost, never thrown
        }
    }

    /**
     * Takes the innermost off-tree call, landed on {@code node}, off the side stack: the node gets
     * back its start and slot, the method its open mark as it was, {@code top} the caller's node;
     * when it was the last, the path's marks are cleared ({@link #markOpenPath}).
     */
    private void popOffTree(CallNode node) {
        int k = --offDepth;
        offTop = k > 0 ? offNode[k - 1] : -1;
        if (!offRecursive[k]) {
            node.counters.openIndex = 0;
        }
        node.start = offSavedStart[k];
        node.slot = offSavedSlot[k];
        lineSkip = offSavedSkip[k];
        top = offCaller[k];
        if (k == 0) {
            clearOpenPath();
        }
    }

    /** Ends the timed call open on {@code node}: records its latency, sets {@link #endedNanos}. */
    private void endTimed(CallNode node) {
        long end = System.nanoTime(); // first, so the rest of the probe is not in the call's time
        int slot = node.slot;
        int weight = timedWeight[slot];
        int openLine = timedLine[slot];
        MethodCounters c = node.counters;
        skipped(c, timedSkipSet[slot] - lineSkip); // the line probes skipped since the last that called in
        lineSkip = timedSavedSkip[slot];
        long exitLinePs = 0; // the exit's part of ending the open line: charged after the call's own time
        if (openLine >= 0) {
            endLine(slot, openLine, end, c);
            exitLinePs = ProbeCosts.lineExitPs();
            c.windowLinePs += exitLinePs;
        }
        long measured = end - node.start;
        if (slot > 0 && timedLine[slot - 1] >= 0) {
            // the innermost timed call around this one has a sampled line open: this call is in it
            timedLineCallee[slot - 1] += measured;
        }
        boolean sampled = weight > 1;
        if (sampled && measured > PAUSE_NANOS) {
            weight = 1; // a pause of the whole thread struck this call, not the N it stands for
        }
        long nanos = ownNanos(measured, probeCostPs - timedCost[slot],
                sampled ? ProbeCosts.sampledInnerPs : ProbeCosts.timedInnerPs);
        endedNanos = nanos * weight;
        endedMeasured = measured * weight;
        c.recordTimed(clamp(nanos), weight);
        probeCostPs += (sampled ? ProbeCosts.sampledCallPs : ProbeCosts.timedCallPs) + exitLinePs; // the caller's
        timedDepth = slot;
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
     * A line probe of a timed invocation, {@code methodId}'s top frame, calls in: {@link #lineSkip}
     * ran out ({@link Probes#line} skipped the probes before it inline, as the method's line
     * countdown said: see {@link MethodCounters#lineInterval}). Its line is sampled if the countdown
     * is due now; the clock is read only then or if the line before it was sampled (to end it), so
     * with every line timed one clock read per line, with one in L, about two per L lines. Each
     * probe adds what it costs to the running total (see {@link ProbeCosts}).
     */
    @DontInline
    void line(int methodId, int lineId) {
        CallNode node = nodeAt[top];
        if (node.methodId != methodId) {
            if (discard) {
                lineSkip = Integer.MAX_VALUE;
                return;
            }
            node = unwindTo(methodId);
            if (node == null) { // a call not recorded (the heap was full): its lines only count
                lineSkip = Integer.MAX_VALUE;
                return;
            }
            lineSkip--; // this probe: the value restored for the frame unwound to does not count it
        }
        if (node.start <= OFF_TREE_UNTIMED) { // UNTIMED or OFF_TREE_UNTIMED: nothing to time
            lineSkip = Integer.MAX_VALUE;
            return;
        }
        MethodCounters c = node.counters;
        int slot = node.slot;
        // the probes skipped since the last call-in, and this one (lineSkip is -1 now)
        int ran = timedSkipSet[slot] - lineSkip;
        skipped(c, ran - 1);
        c.timedLineHits++;
        c.lineCountdown--;
        int openLine = timedLine[slot];
        boolean sample = c.lineCountdown <= 0;
        if (!sample && openLine < 0) { // not due: a timed call's first line probe, or a frame unwound to
            charge(c, ProbeCosts.lineSkippedPs); // as the calibration's skipped lines
            setSkip(slot, c.lineCountdown - 1);
            return;
        }
        long now = System.nanoTime();
        if (openLine >= 0) {
            endLine(slot, openLine, now, c);
        }
        long cost;
        if (!sample) { // ends a sampled line only: the second half of its pair
            cost = ProbeCosts.lineSampledPs / 2;
            timedLine[slot] = -1;
            setSkip(slot, c.lineCountdown - 1);
        } else {
            // the hits since the last sampled line: the interval drawn, and more if the countdown ran
            // past 0 (a recursive call of the method, timed inside this one, took from the same countdown)
            int drawn = c.lineDrawn - Math.min(0, c.lineCountdown);
            int next = c.lineInterval;
            c.lineDrawn = next;
            c.lineCountdown = next == 1 || c.lineRegular ? next : nextCountdown(next);
            long inner;
            if (openLine >= 0) { // ends one line, starts the next
                cost = ProbeCosts.lineTimedPs;
                inner = ProbeCosts.lineInnerPs;
            } else { // starts a sampled line: the first half of its pair
                cost = ProbeCosts.lineSampledPs / 2;
                inner = ProbeCosts.lineSampledInnerPs;
            }
            timedLine[slot] = lineId;
            timedLineWeight[slot] = (int) Math.min(Integer.MAX_VALUE, (long) drawn * timedWeight[slot]);
            timedLineCallee[slot] = 0;
            timedLineCost[slot] = probeCostPs + cost - inner;
            timedLineStart[slot] = now;
            setSkip(slot, 0); // the next line probe calls in, to end this line
        }
        charge(c, cost);
    }

    /** A line probe of a timed invocation of {@code c}'s method cost {@code ps}: added to the running total and the decision's window. */
    private void charge(MethodCounters c, long ps) {
        probeCostPs += ps;
        c.windowLinePs += ps;
    }

    /** Line probes of timed call {@code slot} skip {@code n} before the next calls in. */
    private void setSkip(int slot, int n) {
        lineSkip = n;
        timedSkipSet[slot] = n;
    }

    /**
     * {@code n} line probes of a timed invocation of {@code c}'s method were skipped inline: they
     * count towards its line countdown and its line statistics, and their cost is added.
     */
    private void skipped(MethodCounters c, int n) {
        if (n > 0) {
            c.lineCountdown -= n;
            c.timedLineHits += n;
            charge(c, n * ProbeCosts.lineSkippedPs);
        }
    }

    /** Ends the line open in timed call {@code slot} at {@code end}: records its time, weighted, and tells {@code c}. */
    private void endLine(int slot, int lineId, long end, MethodCounters c) {
        long measured = end - timedLineStart[slot];
        long nanos = ownNanos(measured, probeCostPs - timedLineCost[slot], 0);
        if (nanos < 0) {
            clampedTimes++;
        }
        c.recordSampledLine(nanos);
        int weight = timedLineWeight[slot];
        if (weight > timedWeight[slot] && measured - timedLineCallee[slot] > PAUSE_NANOS) {
            // a sampled line of a method whose lines take nanoseconds (that is why they are sampled)
            // that took this long, its timed callees left out, was struck by a pause of the thread:
            // it stands for its own invocation's hit only, as a sampled call struck by one does
            weight = timedWeight[slot];
        }
        try {
            lines.getOrCreate(lineId, NEW_LINE).record(nanos, measured, weight);
        } catch (OutOfMemoryError e) {
            abandonedFrames++; // heap full: lose this line sample, never throw into the application
        }
    }

    /**
     * The top call is not {@code methodId}'s: calls above it were left without an exit probe (an
     * error thrown inside a probe, such as StackOverflowError). Drops them, uncounted, and returns
     * {@code methodId}'s node, or null (leaving the stack as it is) if none of its calls is open.
     */
    private CallNode unwindTo(int methodId) {
        int k = offDepth;
        for (CallNode n = nodeAt[top]; n != null && n != root; ) {
            if (n.methodId == methodId) {
                while (nodeAt[top].methodId != methodId) {
                    dropTop();
                }
                return nodeAt[top];
            }
            if (k > 0 && offNode[k - 1] == n.index) {
                n = nodeAt[offCaller[--k]];
            } else {
                n = parentOf(n);
            }
        }
        return null;
    }

    /** Drops the innermost open call, uncounted, as if it had never been entered. */
    private void dropTop() {
        CallNode n = nodeAt[top];
        abandonedFrames++;
        if (offDepth > 0 && offNode[offDepth - 1] == n.index) {
            if (n.start != OFF_TREE_UNTIMED) {
                timedDepth = n.slot; // the lowest dropped timed call's slot, in the end
            }
            popOffTree(n);
        } else {
            if (n.start != UNTIMED) {
                timedDepth = n.slot;
                lineSkip = timedSavedSkip[n.slot];
                n.start = UNTIMED;
            }
            n.counters.openIndex = 0;
            top = n.parentIndex;
        }
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

    private void growOffTree() {
        int n = offNode.length * 2;
        int[] node = Arrays.copyOf(offNode, n);
        int[] caller = Arrays.copyOf(offCaller, n);
        boolean[] recursive = Arrays.copyOf(offRecursive, n);
        long[] start = Arrays.copyOf(offSavedStart, n);
        int[] slot = Arrays.copyOf(offSavedSlot, n);
        int[] skip = Arrays.copyOf(offSavedSkip, n);
        offNode = node;
        offCaller = caller;
        offRecursive = recursive;
        offSavedStart = start;
        offSavedSlot = slot;
        offSavedSkip = skip;
    }

    private void growTimed() {
        int n = timedCost.length * 2;
        timedCost = Arrays.copyOf(timedCost, n);
        timedWeight = Arrays.copyOf(timedWeight, n);
        timedLine = Arrays.copyOf(timedLine, n);
        timedLineStart = Arrays.copyOf(timedLineStart, n);
        timedLineCost = Arrays.copyOf(timedLineCost, n);
        timedLineWeight = Arrays.copyOf(timedLineWeight, n);
        timedLineCallee = Arrays.copyOf(timedLineCallee, n);
        timedSkipSet = Arrays.copyOf(timedSkipSet, n);
        timedSavedSkip = Arrays.copyOf(timedSavedSkip, n);
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
        int open = 0;
        int k = offDepth;
        for (CallNode n = nodeAt[top]; n != null && n != root; open++) {
            if (k > 0 && offNode[k - 1] == n.index) {
                n = nodeAt[offCaller[--k]];
            } else {
                n = parentOf(n);
            }
        }
        return open;
    }

    /** The edges of this thread's off-tree calls (folded and overflow). */
    public OffTreeEdges offTreeEdges() {
        return offTreeEdges;
    }

    /**
     * The flat (overflow) node of method {@code id} on this thread, or null if none of its calls
     * went past the node limit.
     */
    public CallNode flatNode(int id) {
        MethodCounters c = methods.get(id);
        return c == null ? null : c.flatNode;
    }

    /** Tree nodes this thread made. */
    public int nodeCount() {
        return nodes;
    }

    /** Exempts this recorder from {@link CallTreeLimits} (the calibration's: its nodes must exist). */
    void unlimited() {
        limited = false;
    }

    /** Gives this recorder's nodes back to {@link CallTreeLimits}' total: it is being retired. */
    public void releaseNodes() {
        CallTreeLimits.release(nodes);
        nodes = 0;
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
