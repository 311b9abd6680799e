package dev.hotline.runtime;

/**
 * Static entry points called by instrumented methods. Each instrumented method does:
 *
 * <pre>
 *   ThreadRecorder r = Probes.enter(ID);          // method entry
 *   ... body ...
 *   Probes.line(r, ID, LINE);                     // entering a source line (methods with line probes)
 *   Probes.exit(r, ID);                           // before every return
 *   Probes.exitThrown(r, ID); athrow              // catch-all handler appended to the method
 * </pre>
 *
 * <p>The thread's recorder is fetched once per invocation and kept in a local of the instrumented
 * method, so exits cost no thread-local lookup. Thread-safety: every recorder is written by its own
 * thread only; see {@link ThreadRecorder}.
 */
public final class Probes {

    /** Internal name of this class, as instrumented code refers to it. */
    public static final String INTERNAL_NAME = "dev/hotline/runtime/Probes";

    private static final ThreadLocal<ThreadRecorder> CURRENT = new ThreadLocal<ThreadRecorder>() {
        // An anonymous class rather than ThreadLocal.withInitial(lambda): this class lives in the
        // bootstrap loader and should not depend on invokedynamic bootstrapping.
        @Override
        protected ThreadRecorder initialValue() {
            return Recorders.register(Thread.currentThread());
        }
    };

    private Probes() {
    }

    /** Records the start of a call of method probe {@code methodId}; returns this thread's recorder. */
    public static ThreadRecorder enter(int methodId) {
        ThreadRecorder recorder;
        try {
            recorder = CURRENT.get();
        } catch (OutOfMemoryError e) {
            return ThreadRecorder.DISCARD; // no heap for this thread's recorder: record nothing, throw nothing
        }
        recorder.enter(methodId);
        return recorder;
    }

    /** Records that the call of {@code methodId} on top of the stack enters line probe {@code lineId}. */
    public static void line(ThreadRecorder recorder, int methodId, int lineId) {
        recorder.line(methodId, lineId);
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

    /** Records the normal end (a return) of the call of {@code methodId} that is on top of the stack. */
    public static void exit(ThreadRecorder recorder, int methodId) {
        recorder.exit(methodId, false);
    }

    /** Records the end of the call of {@code methodId} by an exception (the caller rethrows it). */
    public static void exitThrown(ThreadRecorder recorder, int methodId) {
        recorder.exit(methodId, true);
    }
}
