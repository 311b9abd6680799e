package dev.hotline.core.capture;

import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.ProfileMerger;
import dev.hotline.core.profile.ProfileTotals;
import dev.hotline.runtime.Recorders;
import dev.hotline.runtime.ThreadRecorder;
import java.util.List;
import java.util.Map;

/**
 * Keeps memory bounded when a program runs many threads: the recorders of threads that ended are
 * added into running totals and dropped ({@link #retireEnded}); a snapshot is those totals plus
 * the recorders still registered. Exact: an ended thread's recorder no longer changes, and a
 * recorder is either retired or registered, never both (both steps hold this object's lock).
 * Retiring costs in proportion to what the ended threads recorded, not to the totals.
 *
 * <p>Thread-safety: every method synchronizes; called by the sweeper, the flush thread and the
 * shutdown hook, never by a probe.
 */
public final class ThreadRetirement {

    private final ProbeCatalog catalog;
    private final InstanceSizes sizes;
    private final ProfileTotals retired = new ProfileTotals();
    private final RecorderBaseline baseline;

    /** Counts from now: the recorders' running totals (of an earlier session, if any) are the baseline. */
    public ThreadRetirement(ProbeCatalog catalog, InstanceSizes sizes) {
        this.catalog = catalog;
        this.sizes = sizes;
        this.baseline = RecorderBaseline.of(Recorders.all());
    }

    /** Adds the recorders of ended threads into the totals; returns how many were retired. */
    public synchronized int retireEnded() {
        List<ThreadRecorder> ended = Recorders.removeEnded();
        if (ended.isEmpty()) {
            return 0;
        }
        Profile part;
        try {
            part = RuntimeSnapshot.capture(catalog, Map.of(), ended, sizes, baseline);
        } catch (RuntimeException | Error e) {
            Recorders.restore(ended); // e.g. OutOfMemoryError: keep them registered, lose nothing
            throw e;
        }
        retired.add(part); // past this point a failure loses the part rather than counting it twice
        return ended.size();
    }

    /** Everything recorded so far: the retired totals and the threads still registered. */
    public synchronized Profile snapshot(Map<String, String> session) {
        Profile live = RuntimeSnapshot.capture(catalog, session, Recorders.all(), sizes, baseline);
        if (retired.threads() == 0) {
            return live;
        }
        return ProfileMerger.mergeData(live, List.of(retired.toProfile(Map.of()))); // copies: the totals stay untouched
    }
}
