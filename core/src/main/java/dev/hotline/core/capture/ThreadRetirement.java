package dev.hotline.core.capture;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.ProfileTotals;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.CallTreeLimits;
import dev.hotline.runtime.Recorders;
import dev.hotline.runtime.ThreadRecorder;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

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
    /** Bounded as the live threads' trees are together: see {@link ProfileTotals#ProfileTotals(java.util.function.LongSupplier)}. */
    private final ProfileTotals retired = new ProfileTotals(CallTreeLimits::total);
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

    /**
     * What the metrics endpoint shows, at a cost that follows the methods it shows: every method's
     * counts and times as {@link #snapshot} has them (threads that ended included), but a latency
     * histogram only for the methods {@code shown} picks from them, and no call tree, lines or
     * allocations. The other methods' profiles share one empty histogram: read their counts only.
     * Both steps hold this object's lock, so a thread's data is counted once even if it ends between
     * them; a thread still running may have a few more calls in its histogram than in its counts.
     *
     * @param shown given every method with a completed call, returns those whose latencies to read
     */
    public synchronized Profile methodSnapshot(Map<String, String> session,
                                               Function<Collection<MethodProfile>, Set<MethodRef>> shown) {
        Histogram none = MethodProfile.newHistogram();
        List<ThreadRecorder> recorders = Recorders.all();
        Profile live = RuntimeSnapshot.captureMethods(catalog, session, recorders, none);
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        for (MethodProfile m : live.methods()) {
            methods.put(m.method(), m);
        }
        Profile ended = retired.toProfile(Map.of());
        for (MethodProfile m : ended.methods()) {
            MethodProfile into = methods.computeIfAbsent(m.method(), ref -> new MethodProfile(ref, none));
            into.add(m.calls(), m.exceptions(), m.totalNanos(), m.selfNanos(), m.minNanos(), m.maxNanos());
            into.addTiming(m.timedCalls(), m.measuredTotalNanos(), m.measuredSelfNanos());
        }
        Set<MethodRef> chosen = shown.apply(methods.values());
        Map<MethodRef, Histogram> latencies = new HashMap<>();
        RuntimeSnapshot.addLatencies(catalog, recorders, chosen, latencies);
        for (MethodRef ref : chosen) {
            MethodProfile counts = methods.get(ref);
            if (counts == null) {
                continue;
            }
            Histogram histogram = latencies.computeIfAbsent(ref, r -> MethodProfile.newHistogram());
            MethodProfile retiredPart = ended.method(ref);
            if (retiredPart != null) {
                histogram.add(retiredPart.histogram());
            }
            MethodProfile full = new MethodProfile(ref, histogram);
            full.add(counts.calls(), counts.exceptions(), counts.totalNanos(), counts.selfNanos(), counts.minNanos(),
                    counts.maxNanos());
            full.addTiming(counts.timedCalls(), counts.measuredTotalNanos(), counts.measuredSelfNanos());
            methods.put(ref, full);
        }
        SessionFacts.Builder facts = SessionFacts.builder(live.session());
        for (String key : SessionKeys.SUMMED) {
            facts.number(key, live.facts().count(key) + ended.facts().count(key));
        }
        return new Profile(facts.build(), methods, CallTreeNode.root(), Map.of(), Map.of(), List.of());
    }

    /** What reads a snapshot while it is valid. */
    @FunctionalInterface
    public interface SnapshotReader<T> {
        T read(Profile snapshot) throws java.io.IOException;
    }

    /**
     * Gives {@code reader} everything recorded so far: the retired totals and the threads still
     * registered. The snapshot's latencies are read only as they are asked for (a dump writes them a
     * method at a time: see {@code MethodProfile.deferred}), from the recorders and from the
     * totals, so no thread is retired until {@code reader} returns (this object's lock is held) and
     * the snapshot must not be used after that.
     */
    public synchronized <T> T snapshot(Map<String, String> session, SnapshotReader<T> reader) throws java.io.IOException {
        Profile live = RuntimeSnapshot.capture(catalog, session, Recorders.all(), sizes, baseline);
        return reader.read(retired.threads() == 0 ? live : retired.addTo(live));
    }
}
