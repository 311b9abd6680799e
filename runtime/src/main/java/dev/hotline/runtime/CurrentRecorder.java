package dev.hotline.runtime;

import jdk.internal.vm.annotation.DontInline;

/**
 * Finds the calling thread's recorder. The fast way is a table indexed by the thread's id: one
 * field load, one array load and one comparison, compiled to a few instructions, so that
 * {@link Probes#recorder} stays small enough for C2 to inline into every instrumented method (a
 * {@code ThreadLocal.get} inlines its whole hash-map lookup and made {@code enter} "already compiled
 * into a big method", called out of line). A thread whose slot another live thread holds (ids that
 * collide modulo the table's size, e.g. with very many threads) uses the {@code ThreadLocal}.
 *
 * <p>Thread-safety: a slot is written by the thread that claims it (once, at its first probe) and
 * cleared by the sweeper when that thread's recorder is retired; a reader checks the recorder's
 * thread id, so a stale or racing slot only sends it to the slow path. Thread ids are never reused.
 */
final class CurrentRecorder {

    private static final int SLOTS = 4096;
    private static final ThreadRecorder[] BY_THREAD_ID = new ThreadRecorder[SLOTS];

    private static final ThreadLocal<ThreadRecorder> FALLBACK = new ThreadLocal<ThreadRecorder>() {
        // An anonymous class rather than ThreadLocal.withInitial(lambda): this class lives in the
        // bootstrap loader and should not depend on invokedynamic bootstrapping.
        @Override
        protected ThreadRecorder initialValue() {
            return Recorders.register(Thread.currentThread());
        }
    };

    private CurrentRecorder() {
    }

    /** The calling thread's recorder, made on first use. May throw OutOfMemoryError. */
    static ThreadRecorder get() {
        long id = Thread.currentThread().getId();
        ThreadRecorder r = BY_THREAD_ID[(int) id & (SLOTS - 1)];
        if (r != null && r.threadId() == id) {
            return r;
        }
        return slow(id);
    }

    @DontInline
    private static ThreadRecorder slow(long id) {
        ThreadRecorder r = FALLBACK.get();
        int slot = (int) id & (SLOTS - 1);
        ThreadRecorder holder = BY_THREAD_ID[slot];
        if (holder == null || holder.threadEnded()) {
            BY_THREAD_ID[slot] = r; // claim a free slot; a live holder keeps its own
        }
        return r;
    }

    /** Drops a retired recorder from its slot, so the table does not keep it alive. */
    static void forget(ThreadRecorder recorder) {
        int slot = (int) recorder.threadId() & (SLOTS - 1);
        if (BY_THREAD_ID[slot] == recorder) {
            BY_THREAD_ID[slot] = null;
        }
    }
}
