package dev.hotline.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Every thread recorder ever created, so a flush can merge them. Recorders of threads that ended are
 * kept: their counts belong in the dump.
 *
 * <p>Thread-safety: registration and {@link #all()} synchronize on the list; this happens once per
 * thread, never on the probe hot path.
 */
public final class Recorders {

    private static final List<ThreadRecorder> ALL = new ArrayList<ThreadRecorder>();

    private Recorders() {
    }

    static ThreadRecorder register(Thread thread) {
        ThreadRecorder recorder = new ThreadRecorder(thread.getName(), thread.getId());
        synchronized (ALL) {
            ALL.add(recorder);
        }
        return recorder;
    }

    /** A copy of the list of recorders created so far (of live and of ended threads). */
    public static List<ThreadRecorder> all() {
        synchronized (ALL) {
            return new ArrayList<ThreadRecorder>(ALL);
        }
    }
}
