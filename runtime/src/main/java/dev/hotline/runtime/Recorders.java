package dev.hotline.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Every thread recorder not yet retired, so a flush can merge them. A recorder of a thread that
 * ended is kept until the agent retires it ({@link #removeEnded}): merges it into its running
 * totals and drops it, so a program that runs millions of short threads (virtual threads) keeps a
 * bounded number of recorders.
 *
 * <p>Thread-safety: registration and the readers synchronize on the list; this happens once per
 * thread, never on the probe hot path. A registration that finds many recorders wakes the agent's
 * sweeper ({@link #setSweeper}) without waiting for it.
 */
public final class Recorders {

    /** Recorders at which registering wakes the sweeper (and again at each multiple). */
    static final int SWEEP_EVERY = 256;

    private static final List<ThreadRecorder> ALL = new ArrayList<ThreadRecorder>();
    private static volatile Thread sweeper;

    private Recorders() {
    }

    static ThreadRecorder register(Thread thread) {
        ThreadRecorder recorder = new ThreadRecorder(thread);
        int size;
        synchronized (ALL) {
            ALL.add(recorder);
            size = ALL.size();
        }
        Thread s = sweeper;
        if (s != null && size % SWEEP_EVERY == 0) {
            LockSupport.unpark(s);
        }
        return recorder;
    }

    /**
     * Forgets a recorder whose data must never be reported: the calibration thread's, which ran
     * probes with ids of its own.
     */
    static void unregister(ThreadRecorder recorder) {
        synchronized (ALL) {
            ALL.remove(recorder);
        }
        recorder.releaseNodes();
        CurrentRecorder.forget(recorder);
    }

    /** The thread that retires ended recorders; woken when many accumulate. */
    public static void setSweeper(Thread thread) {
        sweeper = thread;
    }

    /** A copy of the list of recorders not yet retired (of live and of ended threads). */
    public static List<ThreadRecorder> all() {
        synchronized (ALL) {
            return new ArrayList<ThreadRecorder>(ALL);
        }
    }

    /** Puts back recorders that {@link #removeEnded} returned but could not be retired (nothing is lost). */
    public static void restore(List<ThreadRecorder> recorders) {
        synchronized (ALL) {
            ALL.addAll(recorders);
        }
    }

    /** Removes and returns the recorders whose threads have ended: they will not change again. */
    public static List<ThreadRecorder> removeEnded() {
        List<ThreadRecorder> ended = new ArrayList<ThreadRecorder>();
        synchronized (ALL) {
            for (Iterator<ThreadRecorder> it = ALL.iterator(); it.hasNext(); ) {
                ThreadRecorder recorder = it.next();
                if (recorder.threadEnded()) {
                    ended.add(recorder);
                    it.remove();
                    recorder.releaseNodes(); // its tree is about to be merged into the totals and dropped
                    CurrentRecorder.forget(recorder);
                }
            }
        }
        return ended;
    }
}
