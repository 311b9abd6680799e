package dev.hotline.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many calling-context nodes the threads may make: a limit per thread and one over all live
 * threads together (the agent's {@code calltree=} option). A call that would make a node past
 * either limit goes to the thread's overflow instead ({@link ThreadRecorder}): counted exactly
 * for its method and its caller, shown in the flame graph as its caller's "(other paths)".
 *
 * <p>Thread-safety: the limits are set once, before any probe runs; the live total is atomic and
 * changes only when a node is made or a recorder is retired, never on the hot path.
 */
public final class CallTreeLimits {

    /** Nodes per thread unless the agent says otherwise. */
    public static final int DEFAULT_PER_THREAD = 200_000;
    /** Nodes over all live threads unless the agent says otherwise. */
    public static final long DEFAULT_TOTAL = 1_000_000;

    static int perThread = DEFAULT_PER_THREAD;
    static long total = DEFAULT_TOTAL;
    private static final AtomicLong LIVE = new AtomicLong();

    private CallTreeLimits() {
    }

    /** Sets both limits (at least 1 each). */
    public static void set(int perThreadNodes, long totalNodes) {
        perThread = Math.max(1, perThreadNodes);
        total = Math.max(1, totalNodes);
    }

    public static int perThread() {
        return perThread;
    }

    public static long total() {
        return total;
    }

    /** Nodes held by the recorders not yet retired. */
    public static long liveNodes() {
        return LIVE.get();
    }

    /** Takes one node from the total if the thread, holding {@code threadNodes}, may make another. */
    static boolean tryTake(int threadNodes) {
        if (threadNodes >= perThread) {
            return false;
        }
        if (LIVE.incrementAndGet() > total) {
            LIVE.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back the nodes of a retired recorder. */
    static void release(int nodes) {
        LIVE.addAndGet(-nodes);
    }
}
