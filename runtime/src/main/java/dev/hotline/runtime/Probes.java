package dev.hotline.runtime;

import jdk.internal.vm.annotation.DontInline;

/**
 * Static entry points called by instrumented methods. Each instrumented method does:
 *
 * <pre>
 *   ThreadRecorder r = Probes.recorder();         // method entry: this thread's recorder,
 *   int t = Probes.enter(r, ID);                  //   the call entered (t: the caller's node)
 *   ... body ...
 *   h[K]++; Probes.line(r, t, ID, LINE);          // entering a source line (methods with timed lines:
 *                                                 // counted as below, timed if the invocation is
 *                                                 // and the line is sampled)
 *   Probes.exit(r, t, ID);                        // before every return
 *   Probes.exitThrown(r, ID); athrow              // catch-all handler appended to the method
 * </pre>
 *
 * <p>A method whose lines are counted ({@code linehits=}, and every method with timed lines) fetches
 * its hit counters once per invocation and increments them inline, with no call per line:
 *
 * <pre>
 *   long[] h = Probes.lineHits(FIRST, COUNT);     // method entry
 *   h[K]++;                                       // entering counted line FIRST + K (outside loops;
 *                                                 // in loops a long local, added to h[K] at the exits)
 * </pre>
 *
 * <p>The thread's recorder is fetched once per invocation and kept in a local of the instrumented
 * method, so exits cost no thread-local lookup. Thread-safety: every recorder is written by its own
 * thread only; see {@link ThreadRecorder}.
 */
public final class Probes {

    /** Internal name of this class, as instrumented code refers to it. */
    public static final String INTERNAL_NAME = "dev/hotline/runtime/Probes";

    /**
     * Handed out when a thread's hit counters cannot be made (OutOfMemoryError): shared and never
     * read, so racing increments into it do no harm. The agent grows it, at transform time, to the
     * most counted lines of any method ({@link #reserveLineHits}), so no index into it can fail.
     */
    private static volatile long[] discardedHits = new long[0];

    private Probes() {
    }

    /**
     * This thread's hit counters of a method whose {@code count} counted lines are line probes
     * {@code firstLine} to {@code firstLine + count - 1}. Never null, never throws.
     */
    public static long[] lineHits(int firstLine, int count) {
        try {
            return CurrentRecorder.get().lineHits(firstLine, count);
        } catch (OutOfMemoryError e) {
            return discardedHits; // no heap for this thread's recorder or counters
        }
    }

    /**
     * Called at transform time, before a method with {@code count} counted lines can run: makes
     * the shared discard array at least that long. Throws OutOfMemoryError (failing the transform,
     * so the class stays unchanged) rather than leave it short.
     */
    public static synchronized void reserveLineHits(int count) {
        if (discardedHits.length < count) {
            discardedHits = new long[Math.max(count, 2 * discardedHits.length)];
        }
    }

    /** This thread's recorder, made on its first call. Never null, never throws. */
    public static ThreadRecorder recorder() {
        try {
            return CurrentRecorder.get();
        } catch (OutOfMemoryError e) {
            return ThreadRecorder.DISCARD; // no heap for this thread's recorder: record nothing, throw nothing
        }
    }

    /**
     * Records the start of a call of method probe {@code methodId}; returns the index of its
     * caller's call-tree node, for {@link #exit}.
     */
    public static int enter(ThreadRecorder recorder, int methodId) {
        return recorder.enter(methodId);
    }

    /**
     * Times the line probe {@code lineId} that the call of {@code methodId} on top of the stack
     * enters, if that call is timed and the line is sampled; {@code caller} is what the call's
     * {@link #enter} returned. The line's hit is counted by the instrumented code itself, before
     * this call, as {@code linehits=} counts. Small, so that C2 inlines it: an untimed invocation
     * along the tree's edge (what enter returned says so) costs one compare and a branch not taken;
     * a timed one whose lines are sampled one in L skips the others with a decrement of the
     * recorder's {@code lineSkip} and calls in only for the sampled line and the one after it.
     */
    public static void line(ThreadRecorder recorder, int caller, int methodId, int lineId) {
        if (caller == ThreadRecorder.SLOW_EXIT && --recorder.lineSkip < 0) { // timed, and due (or off the tree)
            recorder.line(methodId, lineId);
        }
    }

    /** Counts one allocation of an instance at allocation site {@code site} (after its {@code new}). */
    public static void allocation(ThreadRecorder recorder, int site) {
        recorder.allocation(site);
    }

    /**
     * Counts one array allocation at {@code site} (after it succeeded). Takes the length first so
     * instrumented code can pass the copy it kept of the operand: {@code [len, array] -> swap -> call}.
     * {@code elementBytes} is 1, 2, 4 or 8, or 0 for references.
     */
    public static void arrayAllocation(int length, ThreadRecorder recorder, int site, int elementBytes) {
        recorder.arrayAllocation(site, length, elementBytes);
    }

    /** Counts a {@code multianewarray} of up to three given dimensions (see ThreadRecorder). */
    public static void multiArrayAllocation(ThreadRecorder recorder, int site, int dims, int d1, int d2, int d3,
                                            int leafBytes) {
        recorder.multiArrayAllocation(site, dims, d1, d2, d3, leafBytes);
    }

    /**
     * Records the normal end (a return) of the call of {@code methodId} that is on top of the stack;
     * {@code caller} is what its {@link #enter} returned.
     */
    public static void exit(ThreadRecorder recorder, int caller, int methodId) {
        recorder.exit(caller, methodId);
    }

    /** Records the end of the call of {@code methodId} by an exception (the caller rethrows it). */
    @DontInline
    public static void exitThrown(ThreadRecorder recorder, int methodId) {
        recorder.exitThrown(methodId);
    }
}
