package dev.hotline.core.capture;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.LatencySource;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.AllocationCounters;
import dev.hotline.runtime.LatencyBuckets;
import dev.hotline.runtime.LineCounters;
import dev.hotline.runtime.MethodCounters;
import dev.hotline.runtime.ThreadRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Merges what threads recorded so far into one {@link Profile}: the live capture that fills the
 * model (the model itself knows nothing of the runtime). Reads other threads' plain
 * fields without stopping them: a thread still running may be a few calls behind (see
 * {@link ThreadRecorder}); threads that ended are complete. Calls still open are not counted.
 *
 * <p>A full capture copies counts, times and the call tree, but leaves the latencies of methods
 * and lines in the recorders ({@link MethodProfile#deferred}): a dump reads them one method at a
 * time, so its memory does not grow by a histogram per method. The recorders must therefore
 * still be there when the latencies are read; they are, since a profile holds them.
 */
public final class RuntimeSnapshot {

    private RuntimeSnapshot() {
    }

    /**
     * The given recorders merged (the agent passes {@code Recorders.all()} or the recorders of
     * ended threads; tests pass their own thread's), instance sizes from {@code sizes}.
     */
    public static Profile capture(ProbeCatalog catalog, Map<String, String> session, List<ThreadRecorder> recorders,
                                  InstanceSizes sizes) {
        return capture(catalog, session, recorders, sizes, RecorderBaseline.NONE);
    }

    /** As above, the recorders' running totals counted from {@code baseline} (a re-attached session's start). */
    public static Profile capture(ProbeCatalog catalog, Map<String, String> session, List<ThreadRecorder> recorders,
                                  InstanceSizes sizes, RecorderBaseline baseline) {
        return capture(catalog, session, recorders, sizes, baseline, null);
    }

    /**
     * The methods' counts and times only: no latency histogram (every method shares {@code noLatencies},
     * which nothing writes), no call tree, lines or allocations. What the metrics endpoint ranks
     * methods by, at a fraction of a full capture's allocation (a histogram is 2-9 KB per method).
     */
    static Profile captureMethods(ProbeCatalog catalog, Map<String, String> session, List<ThreadRecorder> recorders,
                                  Histogram noLatencies) {
        return capture(catalog, session, recorders, InstanceSizes.UNKNOWN, RecorderBaseline.NONE, noLatencies);
    }

    /** The latencies of the methods {@code chosen} selects, added into {@code into} (a histogram per method, made as needed). */
    static void addLatencies(ProbeCatalog catalog, List<ThreadRecorder> recorders, java.util.Set<MethodRef> chosen,
                             Map<MethodRef, Histogram> into) {
        int known = catalog.methodIdLimit();
        for (ThreadRecorder recorder : recorders) {
            for (int id = catalog.firstMethodId(), n = Math.min(known, recorder.methodIdLimit()); id < n; id++) {
                MethodCounters c = recorder.methodCounters(id);
                if (c != null) {
                    MethodRef ref = catalog.method(id);
                    if (chosen.contains(ref)) {
                        addBuckets(c.latencies(), into.computeIfAbsent(ref, r -> MethodProfile.newHistogram()));
                    }
                }
            }
        }
    }

    /** @param noLatencies null for a full capture; else the methods-only capture of {@link #captureMethods} */
    private static Profile capture(ProbeCatalog catalog, Map<String, String> session, List<ThreadRecorder> recorders,
                                   InstanceSizes sizes, RecorderBaseline baseline, Histogram noLatencies) {
        boolean full = noLatencies == null;
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        // where each method's and line's latencies are, filled recorder by recorder (full capture only);
        // by reference, not id: a class defined by two loaders has two ids for one method
        Map<MethodRef, RecordedLatencies> methodLatencies = new java.util.HashMap<>();
        Map<LineRef, RecordedLatencies> lineLatencies = new java.util.HashMap<>();
        java.util.function.Function<LineRef, LineProfile> timedLine = ref -> LineProfile.deferred(ref,
                lineLatencies.computeIfAbsent(ref, r -> new RecordedLatencies()));
        // ids from the catalog's first (lower ones are an earlier session's) to its limit so far
        int firstLine = catalog.firstLineId();
        int knownLines = catalog.lineIdLimit();
        int firstSite = catalog.firstAllocationId();
        int knownSites = catalog.allocationIdLimit();
        long[] siteCounts = new long[knownSites - firstSite];
        long[] siteBytes = new long[knownSites - firstSite];
        CallTreeNode tree = CallTreeNode.root();
        long openCalls = 0;
        long abandoned = 0;
        long clamped = 0;
        long probeCostPs = 0;
        long folded = 0;
        long other = 0;
        long nodes = 0;
        int known = catalog.methodIdLimit();
        for (ThreadRecorder recorder : recorders) {
            boolean running = !recorder.threadEnded();
            // ids this thread can have run: its pages' limit, not the catalog's size (with 500,000
            // methods that would be 28 MB of arrays for every thread read, in the dump at exit too)
            MethodTimes times = new MethodTimes(catalog.firstMethodId(), Math.min(known, recorder.methodIdLimit()));
            times.read(recorder, full ? tree : null, catalog);
            folded += times.foldedCalls();
            other += times.otherCalls();
            nodes += times.nodes();
            for (int id = times.firstMethod(); id < times.methods(); id++) {
                MethodCounters c = recorder.methodCounters(id);
                if (c != null && times.calls(id) > 0) {
                    MethodProfile profile = methods.computeIfAbsent(catalog.method(id), ref -> full
                            ? MethodProfile.deferred(ref, methodLatencies.computeIfAbsent(ref, r -> new RecordedLatencies()))
                            : new MethodProfile(ref, noLatencies));
                    if (full) {
                        methodLatencies.get(profile.method()).add(c.latencies(), running);
                    }
                    profile.add(times.calls(id), c.exceptions(), times.total(id), times.self(id), c.minNanos(),
                            c.maxNanos());
                    profile.addTiming(times.timedCalls(id), times.measuredTotal(id), times.measuredSelf(id));
                }
            }
            clamped += baseline.clampedTimes(recorder) + times.clampedSelfTimes();
            probeCostPs += baseline.probeCostPs(recorder);
            openCalls += recorder.openCalls();
            abandoned += baseline.abandonedFrames(recorder);
            if (!full) {
                continue;
            }
            for (int id = firstLine; id < recorder.lineIdLimit() && id < knownLines; id++) {
                LineCounters c = recorder.lineCountersOf(id);
                if (c != null && c.timedHits() > 0) {
                    LineProfile profile = lines.computeIfAbsent(catalog.line(id), timedLine);
                    lineLatencies.get(profile.line()).add(c.latencies(), running);
                    profile.add(0, c.totalNanos()); // the hits are in the hit counters, read below
                    profile.addTiming(c.timedHits(), c.measuredNanos());
                }
            }
            // every line's hits, timed lines' too: instrumented code counts them all inline
            for (int first = firstLine; first < recorder.lineHitsIdLimit() && first < knownLines; first++) {
                long[] hits = recorder.lineHitsOf(first);
                for (int k = 0; hits != null && k < hits.length && first + k < knownLines; k++) {
                    if (hits[k] > 0) {
                        int id = first + k;
                        lines.computeIfAbsent(catalog.line(id), catalog.lineTimed(id) ? timedLine
                                : LineProfile::countedOnly).add(hits[k], 0);
                    }
                }
            }
            AllocationCounters allocations = recorder.allocations();
            for (int id = firstSite; id < allocations.siteLimit() && id < knownSites; id++) {
                siteCounts[id - firstSite] += allocations.countAt(id);
                siteBytes[id - firstSite] += allocations.bytes(id);
            }
        }
        Map<String, String> facts = SessionFacts.builder(session)
                .number(SessionKeys.METHOD_PROBES, catalog.methodCount())
                .counts(recorders.size(), openCalls, abandoned)
                .number(SessionKeys.LINE_PROBES, catalog.lineCount())
                .number(SessionKeys.ALLOCATION_SITES, catalog.allocationCount())
                .number(SessionKeys.TIMES_CLAMPED, clamped)
                .number(SessionKeys.PROBE_COST_NANOS, probeCostPs / 1000)
                .number(SessionKeys.FOLDED_CALLS, folded)
                .number(SessionKeys.OTHER_PATH_CALLS, other)
                .number(SessionKeys.CALL_TREE_NODES, nodes)
                .build();
        Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
        Map<List<String>, Long> sizeCache = new java.util.HashMap<>();
        for (int id = firstSite; id < knownSites; id++) {
            if (siteCounts[id - firstSite] == 0) {
                continue;
            }
            AllocationSite site = catalog.allocation(id);
            long bytes = siteBytes[id - firstSite];
            if (site.kind() == AllocationSite.Kind.INSTANCE) {
                long size = sizeCache.computeIfAbsent(List.of(site.method().className(), site.type()),
                        k -> sizes.sizeOf(k.get(0), k.get(1)));
                bytes = size < 0 ? -1 : size * siteCounts[id - firstSite];
            }
            allocations.computeIfAbsent(site, AllocationProfile::new).add(siteCounts[id - firstSite], bytes);
        }
        return new Profile(facts, methods, tree, lines, allocations, List.of());
    }

    /**
     * The latencies of a method or timed line on the recorders that ran it, added as the capture
     * reads them and converted when a writer asks (see {@link MethodProfile#deferred}). A thread
     * that ended no longer changes, so its buckets are kept as they are; those of a thread still
     * running are copied at the capture (a few samples and the buckets it used, 528 bytes each), so that the
     * latencies written agree with the counts captured however long the write takes.
     */
    static final class RecordedLatencies implements LatencySource {

        private LatencyBuckets[] parts = new LatencyBuckets[1];
        private int count;

        void add(LatencyBuckets buckets, boolean running) {
            if (count == parts.length) {
                parts = java.util.Arrays.copyOf(parts, 2 * count);
            }
            parts[count++] = running ? buckets.copy() : buckets;
        }

        @Override
        public void addTo(Histogram into) {
            for (int i = 0; i < count; i++) {
                addBuckets(parts[i], into);
            }
        }

        @Override
        public long maxValue() {
            long max = 0;
            for (int i = 0; i < count; i++) {
                max = Math.max(max, RuntimeSnapshot.maxValue(parts[i]));
            }
            return max;
        }
    }

    /** The largest value {@link #addBuckets} records from {@code buckets} (0 if none): a scan of the top bucket. */
    static long maxValue(LatencyBuckets buckets) {
        long max = 0;
        for (int i = 0, n = buckets.firstSampleCount(); i < n; i++) {
            max = Math.max(max, buckets.firstSample(i));
        }
        for (int bucket = LatencyBuckets.BUCKET_COUNT - 1; bucket >= 0; bucket--) {
            for (int i = buckets.bucketLength(bucket) - 1; i >= 0; i--) {
                if (buckets.count(bucket, i) != 0) {
                    return Math.max(max, LatencyBuckets.valueAt(bucket, i));
                }
            }
        }
        return max;
    }

    /** Lossless: both use HdrHistogram's bucket layout for 2 significant digits. */
    static void addBuckets(LatencyBuckets buckets, Histogram into) {
        for (int i = 0, n = buckets.firstSampleCount(); i < n; i++) {
            into.recordValue(buckets.firstSample(i)); // the same bucket a later value would have gone to
        }
        for (int bucket = 0; bucket < LatencyBuckets.BUCKET_COUNT; bucket++) {
            for (int i = 0, n = buckets.bucketLength(bucket); i < n; i++) {
                long count = buckets.count(bucket, i);
                if (count != 0) {
                    into.recordValueWithCount(LatencyBuckets.valueAt(bucket, i), count);
                }
            }
        }
    }
}
