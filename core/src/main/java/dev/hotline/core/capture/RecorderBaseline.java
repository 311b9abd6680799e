package dev.hotline.core.capture;

import dev.hotline.runtime.ThreadRecorder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running totals a thread's recorder had when a session started: a recorder lives as long as
 * its thread, across a detach and the next attach, and its probe cost, clamped times and abandoned
 * frames add up over every session. A snapshot subtracts this, so a re-attached session's facts are
 * its own. (Its calls need no baseline: the session's ids are new.)
 *
 * <p>Immutable once made; made once per session, never on a probe's path.
 */
public final class RecorderBaseline {

    /** No earlier session: every total counts. */
    public static final RecorderBaseline NONE = new RecorderBaseline(Map.of());

    private final Map<ThreadRecorder, long[]> totals;

    private RecorderBaseline(Map<ThreadRecorder, long[]> totals) {
        this.totals = totals;
    }

    /** The totals of {@code recorders} now. */
    public static RecorderBaseline of(List<ThreadRecorder> recorders) {
        Map<ThreadRecorder, long[]> totals = new IdentityHashMap<>();
        for (ThreadRecorder recorder : recorders) {
            totals.put(recorder, new long[] {recorder.probeCostPs(), recorder.clampedTimes(), recorder.abandonedFrames()});
        }
        return totals.isEmpty() ? NONE : new RecorderBaseline(totals);
    }

    long probeCostPs(ThreadRecorder recorder) {
        return recorder.probeCostPs() - at(recorder, 0);
    }

    long clampedTimes(ThreadRecorder recorder) {
        return recorder.clampedTimes() - at(recorder, 1);
    }

    long abandonedFrames(ThreadRecorder recorder) {
        return recorder.abandonedFrames() - at(recorder, 2);
    }

    private long at(ThreadRecorder recorder, int index) {
        long[] before = totals.get(recorder);
        return before == null ? 0 : before[index];
    }
}
