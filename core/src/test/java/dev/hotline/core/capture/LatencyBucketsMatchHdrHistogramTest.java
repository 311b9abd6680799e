package dev.hotline.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.LatencyBuckets;
import dev.hotline.runtime.LatencyBucketsAccess;
import dev.hotline.runtime.MethodCounters;
import dev.hotline.runtime.Probes;
import dev.hotline.runtime.ThreadRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LatencyBuckets claims HdrHistogram's exact bucket layout for 2 significant digits, so that
 * {@link RuntimeSnapshot#addBuckets} converts without loss. These tests hold it to that claim.
 */
class LatencyBucketsMatchHdrHistogramTest {

    private static final long LIMIT = 1L << 62;

    private static final MethodRef OUTER = new MethodRef("com.acme.Outer", "run", "()V");
    private static final MethodRef INNER = new MethodRef("com.acme.Inner", "step", "(I)I");

    @Test
    void the_layout_is_hdr_histograms_for_two_significant_digits() {
        Histogram histogram = new Histogram(MethodProfile.SIGNIFICANT_DIGITS);

        assertThat(MethodProfile.SIGNIFICANT_DIGITS).isEqualTo(2);
        assertThat(LatencyBuckets.SUB_BUCKET_HALF_COUNT).isEqualTo(128);
        // HdrHistogram's sub-bucket count for 2 digits is 256: values up to 255 are exact
        assertThat(histogram.sizeOfEquivalentValueRange(255)).isEqualTo(1);
        assertThat(histogram.sizeOfEquivalentValueRange(256)).isEqualTo(2);
    }

    @Test
    void every_bucket_entry_is_the_lowest_value_of_an_hdr_equivalence_range_as_wide_as_its_bucket() {
        Histogram histogram = new Histogram(2);
        int checked = 0;

        for (int b = 0; b < LatencyBuckets.BUCKET_COUNT; b++) {
            for (int i = 0; i < entries(b); i++) {
                long value = LatencyBuckets.valueAt(b, i);
                if (value < 0 || value >= LIMIT) {
                    continue;
                }
                assertThat(histogram.lowestEquivalentValue(value)).as("valueAt(%d, %d)", b, i).isEqualTo(value);
                assertThat(histogram.sizeOfEquivalentValueRange(value)).as("range of valueAt(%d, %d)", b, i)
                        .isEqualTo(b == 0 ? 1 : 1L << b);
                checked++;
            }
        }

        assertThat(checked).isEqualTo(256 + 128 * 54); // buckets 0..54 lie below 2^62
    }

    @Test
    void bucket_entries_tile_the_values_in_order_without_gaps_or_overlaps() {
        Histogram histogram = new Histogram(2);
        long expected = 0;

        for (int b = 0; b < LatencyBuckets.BUCKET_COUNT && expected < LIMIT; b++) {
            for (int i = 0; i < entries(b); i++) {
                long value = LatencyBuckets.valueAt(b, i);
                assertThat(value).as("valueAt(%d, %d)", b, i).isEqualTo(expected);
                expected = histogram.nextNonEquivalentValue(value);
            }
        }

        assertThat(expected).isEqualTo(LIMIT);
    }

    @Test
    void recording_puts_a_value_in_the_entry_hdr_histogram_counts_it_in() {
        Histogram reference = new Histogram(2);
        List<Long> values = interestingValues();

        for (long value : values) {
            LatencyBuckets buckets = LatencyBucketsAccess.bucketsOnly();
            LatencyBucketsAccess.record(buckets, value);
            Histogram converted = new Histogram(2);

            RuntimeSnapshot.addBuckets(buckets, converted);

            assertThat(converted.getTotalCount()).as("count after recording %d", value).isEqualTo(1);
            assertThat(converted.getCountAtValue(value)).as("count at %d", value).isEqualTo(1);
            assertThat(converted.getMaxValue()).as("max after recording %d", value)
                    .isEqualTo(reference.highestEquivalentValue(value));
        }
    }

    @ParameterizedTest(name = "first values kept as they are: {0}")
    @ValueSource(booleans = {true, false})
    void converting_many_recorded_values_gives_the_histogram_that_records_them_directly(boolean firstSamples) {
        LatencyBuckets buckets = firstSamples ? new LatencyBuckets() : LatencyBucketsAccess.bucketsOnly();
        Histogram direct = new Histogram(2);
        for (long value : interestingValues()) {
            for (int k = 0; k < 1 + (int) (value % 3); k++) {
                LatencyBucketsAccess.record(buckets, value);
                direct.recordValue(value);
            }
        }
        Histogram converted = new Histogram(2);

        RuntimeSnapshot.addBuckets(buckets, converted);

        assertThat(converted.getTotalCount()).isEqualTo(direct.getTotalCount());
        for (long value : interestingValues()) {
            assertThat(converted.getCountAtValue(value)).as("count at %d", value).isEqualTo(direct.getCountAtValue(value));
        }
        for (double p : new double[] {0, 10, 25, 50, 75, 90, 99, 99.9, 100}) {
            assertThat(converted.getValueAtPercentile(p)).as("p%s", p).isEqualTo(direct.getValueAtPercentile(p));
        }
        assertThat(converted).isEqualTo(direct);
        assertThat(RuntimeSnapshot.maxValue(buckets)).as("the largest value converted (the lowest of its entry)")
                .isEqualTo(converted.lowestEquivalentValue(converted.getMaxValue()));
        Histogram sized = MethodProfile.newHistogram(RuntimeSnapshot.maxValue(buckets));
        RuntimeSnapshot.addBuckets(buckets, sized);
        assertThat(sized).as("made at its size at once, the same histogram").isEqualTo(direct);
        assertThat(sized.getEstimatedFootprintInBytes()).as("no larger than one that grew")
                .isLessThanOrEqualTo(converted.getEstimatedFootprintInBytes());
    }

    @Test
    void the_largest_long_lands_in_the_last_entry_of_the_highest_bucket_recording_reaches() {
        LatencyBuckets buckets = LatencyBucketsAccess.bucketsOnly();
        LatencyBucketsAccess.record(buckets, Long.MAX_VALUE);

        int top = LatencyBuckets.BUCKET_COUNT - 1;
        while (buckets.bucket(top) == null) {
            top--;
        }
        long[] counts = buckets.bucket(top);
        assertThat(counts[counts.length - 1]).isEqualTo(1);
        assertThat(LatencyBuckets.valueAt(top, counts.length - 1))
                .isEqualTo(new Histogram(2).lowestEquivalentValue(Long.MAX_VALUE));
    }

    @Test
    void a_negative_elapsed_time_is_recorded_as_zero() {
        LatencyBuckets buckets = LatencyBucketsAccess.bucketsOnly();

        LatencyBucketsAccess.record(buckets, -5);
        LatencyBucketsAccess.record(buckets, Long.MIN_VALUE);

        assertThat(buckets.bucket(0)[0]).isEqualTo(2);
    }

    @Test
    void a_count_past_the_int_range_widens_its_bucket_and_loses_nothing() {
        LatencyBuckets buckets = LatencyBucketsAccess.bucketsOnly();
        LatencyBucketsAccess.record(buckets, 1_000, Integer.MAX_VALUE); // bucket 2, entry 122: full
        LatencyBucketsAccess.record(buckets, 1_001, 1_024);             // the same entry: past the int range
        LatencyBucketsAccess.record(buckets, 1_020, 3);                 // the same bucket, another entry
        LatencyBucketsAccess.record(buckets, 40, 5);                    // another bucket, still in ints
        LatencyBuckets copy = buckets.copy();
        LatencyBucketsAccess.record(buckets, 1_000, 1);                 // after the copy: only in the original

        long full = (long) Integer.MAX_VALUE + 1_024;
        assertThat(buckets.bucket(2)[122]).isEqualTo(full + 1);
        assertThat(buckets.bucket(2)[127]).isEqualTo(3);
        assertThat(copy.bucket(2)[122]).isEqualTo(full);
        Histogram converted = new Histogram(2);
        RuntimeSnapshot.addBuckets(copy, converted);
        assertThat(converted.getCountAtValue(1_000)).isEqualTo(full);
        assertThat(converted.getCountAtValue(1_020)).isEqualTo(3);
        assertThat(converted.getCountAtValue(40)).isEqualTo(5);
        assertThat(converted.getTotalCount()).isEqualTo(full + 8);
        assertThat(RuntimeSnapshot.maxValue(copy)).isEqualTo(converted.lowestEquivalentValue(converted.getMaxValue()));
    }

    @Test
    void buckets_are_allocated_only_where_values_fell() {
        LatencyBuckets buckets = LatencyBucketsAccess.bucketsOnly();
        LatencyBucketsAccess.record(buckets, 1_000); // bucket 2: 512..1023 in steps of 4

        List<Integer> allocated = new ArrayList<>();
        for (int b = 0; b < LatencyBuckets.BUCKET_COUNT; b++) {
            if (buckets.bucket(b) != null) {
                allocated.add(b);
            }
        }
        assertThat(allocated).containsExactly(2);
        assertThat(buckets.bucket(2)).hasSize(LatencyBuckets.SUB_BUCKET_HALF_COUNT);
    }

    @Test
    void the_first_values_are_kept_as_they_are_and_make_no_bucket_until_one_more_comes() {
        LatencyBuckets buckets = new LatencyBuckets();
        long[] values = {7, 300, 5_000, 1_000_000};
        for (long value : values) {
            LatencyBucketsAccess.record(buckets, value);
        }

        assertThat(buckets.firstSampleCount()).isEqualTo(LatencyBuckets.FIRST_SAMPLES).isEqualTo(values.length);
        for (int b = 0; b < LatencyBuckets.BUCKET_COUNT; b++) {
            assertThat(buckets.bucket(b)).as("bucket %d", b).isNull();
        }
        Histogram converted = new Histogram(2);
        RuntimeSnapshot.addBuckets(buckets, converted);
        for (long value : values) {
            assertThat(converted.getCountAtValue(value)).as("count at %d", value).isEqualTo(1);
        }

        LatencyBucketsAccess.record(buckets, 1_000);
        assertThat(buckets.bucket(2)).as("the bucket of 1,000 ns, made by the fifth value").isNotNull();
        assertThat(buckets.firstSampleCount()).isEqualTo(LatencyBuckets.FIRST_SAMPLES);
    }

    @Test
    void an_empty_latency_buckets_adds_nothing() {
        Histogram histogram = new Histogram(2);

        RuntimeSnapshot.addBuckets(new LatencyBuckets(), histogram);

        assertThat(histogram.getTotalCount()).isZero();
    }

    @Test
    void capturing_no_recorders_gives_an_empty_profile_with_zero_threads() {
        ProbeCatalog catalog = new ProbeCatalog();
        catalog.registerMethod(OUTER);
        Map<String, String> session = new LinkedHashMap<>();
        session.put(SessionKeys.PID, "7");

        Profile profile = RuntimeSnapshot.capture(catalog, session, List.of(), InstanceSizes.UNKNOWN);

        assertThat(profile.methods()).isEmpty();
        assertThat(profile.callTree().children()).isEmpty();
        assertThat(profile.edges()).isEmpty();
        assertThat(profile.session().keySet()).first().isEqualTo(SessionKeys.PID); // given facts come first
        assertThat(profile.session())
                .containsEntry(SessionKeys.PID, "7")
                .containsEntry(SessionKeys.METHOD_PROBES, "1")
                .containsEntry(SessionKeys.THREADS, "0")
                .containsEntry(SessionKeys.OPEN_CALLS, "0")
                .containsEntry(SessionKeys.ABANDONED_FRAMES, "0");
    }

    @Test
    void a_catalog_following_an_earlier_sessions_counts_only_its_own_calls_even_beneath_an_open_earlier_call()
            throws Exception {
        ProbeCatalog earlier = new ProbeCatalog();
        int outerId = earlier.registerMethod(OUTER);
        ProbeCatalog later = ProbeCatalog.following(earlier, 1000, () -> { });
        int innerId = later.registerMethod(INNER);
        assertThat(innerId).as("past the earlier session's ids").isEqualTo(outerId + 1);
        ThreadRecorder recorder = onNewThread(() -> {
            ThreadRecorder outer = Probes.recorder();
            int outerCaller = Probes.enter(outer, outerId); // the earlier session's code, still running
            for (int j = 0; j < 3; j++) {
                Probes.exit(outer, Probes.enter(outer, innerId), innerId);
            }
            Probes.exit(outer, outerCaller, outerId);
            Probes.exit(outer, Probes.enter(outer, outerId), outerId);
            return outer;
        });

        Profile profile = RuntimeSnapshot.capture(later, Map.of(), List.of(recorder), InstanceSizes.UNKNOWN);

        assertThat(profile.methods()).extracting(MethodProfile::method).containsExactly(INNER);
        assertThat(profile.method(INNER).calls()).isEqualTo(3);
        assertThat(profile.callTree().children()).singleElement()
                .satisfies(node -> assertThat(node.method()).isEqualTo(INNER));
        assertThat(profile.session()).containsEntry(SessionKeys.METHOD_PROBES, "1");
    }

    @Test
    void capturing_probed_calls_counts_them_exactly_and_converts_their_latencies_without_loss() throws Exception {
        ProbeCatalog catalog = catalog();
        ThreadRecorder recorder = onNewThread(() -> {
            ThreadRecorder outer = null;
            for (int i = 0; i < 50; i++) {
                outer = Probes.recorder();
                int outerCaller = Probes.enter(outer, 0);
                for (int j = 0; j < 3; j++) {
                    Probes.exit(outer, Probes.enter(outer, 1), 1);
                }
                if (i % 10 == 0) {
                    Probes.exitThrown(outer, 0);
                } else {
                    Probes.exit(outer, outerCaller, 0);
                }
            }
            return outer;
        });

        Profile profile = RuntimeSnapshot.capture(catalog, Map.of(), List.of(recorder), InstanceSizes.UNKNOWN);

        MethodProfile outer = profile.method(OUTER);
        MethodProfile inner = profile.method(INNER);
        assertThat(outer.calls()).isEqualTo(50);
        assertThat(outer.exceptions()).isEqualTo(5);
        assertThat(inner.calls()).isEqualTo(150);
        assertThat(inner.exceptions()).isZero();
        assertThat(profile.edges()).singleElement().satisfies(edge -> {
            assertThat(edge.caller()).isEqualTo(OUTER);
            assertThat(edge.callee()).isEqualTo(INNER);
            assertThat(edge.calls()).isEqualTo(150);
        });
        assertThat(profile.session()).containsEntry(SessionKeys.THREADS, "1").containsEntry(SessionKeys.OPEN_CALLS, "0");
        for (int id = 0; id < 2; id++) {
            MethodCounters counters = recorder.methodCounters(id);
            MethodProfile method = profile.method(catalog.method(id));
            assertLossless(counters, method.histogram());
            assertThat(method.histogram().getTotalCount()).isEqualTo(method.calls());
            // the exact min and max fall in entries that hold a count
            assertThat(method.histogram().getCountAtValue(counters.minNanos())).isPositive();
            assertThat(method.histogram().getCountAtValue(counters.maxNanos())).isPositive();
            assertThat(method.minNanos()).isEqualTo(counters.minNanos());
            assertThat(method.maxNanos()).isEqualTo(counters.maxNanos());
        }
    }

    @Test
    void capturing_several_threads_adds_their_counts() throws Exception {
        ProbeCatalog catalog = catalog();
        List<ThreadRecorder> recorders = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            int calls = t * 10;
            recorders.add(onNewThread(() -> {
                ThreadRecorder r = null;
                for (int i = 0; i < calls; i++) {
                    r = Probes.recorder();
                    int caller = Probes.enter(r, 0);
                    Probes.exit(r, caller, 0);
                }
                return r;
            }));
        }

        Profile profile = RuntimeSnapshot.capture(catalog, Map.of(), recorders, InstanceSizes.UNKNOWN);

        assertThat(profile.method(OUTER).calls()).isEqualTo(60);
        assertThat(profile.method(OUTER).histogram().getTotalCount()).isEqualTo(60);
        assertThat(profile.callTree().child(OUTER).calls()).isEqualTo(60);
        assertThat(profile.session()).containsEntry(SessionKeys.THREADS, "3");
    }

    @Test
    void calls_still_open_are_not_counted_but_reported() throws Exception {
        ProbeCatalog catalog = catalog();
        ThreadRecorder recorder = onNewThread(() -> {
            ThreadRecorder r = Probes.recorder();
            Probes.enter(r, 0); // never exits, as a call running when the JVM dumps
            Probes.exit(r, Probes.enter(r, 1), 1);
            return r;
        });

        Profile profile = RuntimeSnapshot.capture(catalog, Map.of(), List.of(recorder), InstanceSizes.UNKNOWN);

        assertThat(profile.method(OUTER)).isNull();
        assertThat(profile.method(INNER).calls()).isEqualTo(1);
        assertThat(profile.callTree().child(OUTER).calls()).isZero();
        assertThat(profile.callTree().child(OUTER).child(INNER).calls()).isEqualTo(1);
        assertThat(profile.session()).containsEntry(SessionKeys.OPEN_CALLS, "1");
    }

    @Test
    void frames_left_without_an_exit_are_dropped_and_counted_as_abandoned() throws Exception {
        ProbeCatalog catalog = catalog();
        ThreadRecorder recorder = onNewThread(() -> {
            ThreadRecorder outer = Probes.recorder();
            Probes.enter(outer, 0);
            Probes.enter(outer, 1); // its exit probe never runs (e.g. a StackOverflowError inside a probe)
            Probes.exitThrown(outer, 0);
            return outer;
        });

        Profile profile = RuntimeSnapshot.capture(catalog, Map.of(), List.of(recorder), InstanceSizes.UNKNOWN);

        assertThat(profile.method(OUTER).calls()).isEqualTo(1);
        assertThat(profile.method(OUTER).exceptions()).isEqualTo(1);
        assertThat(profile.method(INNER)).isNull();
        assertThat(profile.session()).containsEntry(SessionKeys.ABANDONED_FRAMES, "1").containsEntry(SessionKeys.OPEN_CALLS, "0");
    }

    @Test
    void probe_ids_the_catalog_does_not_know_yet_are_left_out() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        catalog.registerMethod(OUTER); // id 1 is not registered (yet)
        ThreadRecorder recorder = onNewThread(() -> {
            ThreadRecorder outer = Probes.recorder();
            int outerCaller = Probes.enter(outer, 0);
            Probes.exit(outer, Probes.enter(outer, 1), 1);
            Probes.exit(outer, outerCaller, 0);
            return outer;
        });

        Profile profile = RuntimeSnapshot.capture(catalog, Map.of(), List.of(recorder), InstanceSizes.UNKNOWN);

        assertThat(profile.methods()).extracting(MethodProfile::method).containsExactly(OUTER);
        assertThat(profile.callTree().child(OUTER).children()).isEmpty();
        assertThat(profile.session()).containsEntry(SessionKeys.METHOD_PROBES, "1");
    }

    // --- helpers

    private static int entries(int bucket) {
        return bucket == 0 ? 2 * LatencyBuckets.SUB_BUCKET_HALF_COUNT : LatencyBuckets.SUB_BUCKET_HALF_COUNT;
    }

    private static ProbeCatalog catalog() {
        ProbeCatalog catalog = new ProbeCatalog();
        assertThat(catalog.registerMethod(OUTER)).isZero();
        assertThat(catalog.registerMethod(INNER)).isEqualTo(1);
        return catalog;
    }

    /** Probe calls made as instrumented code makes them; returns the recorder {@link Probes#enter} handed out. */
    private interface ProbedCalls {
        ThreadRecorder run();
    }

    /**
     * Runs {@code calls} on a thread of its own, so its recorder holds only what the test recorded,
     * and returns that recorder. The thread has ended (join) before this returns, so reading it is safe.
     */
    private static ThreadRecorder onNewThread(ProbedCalls calls) throws InterruptedException {
        AtomicReference<ThreadRecorder> recorder = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                recorder.set(calls.run());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "latency-buckets-test");
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
        assertThat(recorder.get()).isNotNull();
        return recorder.get();
    }

    /**
     * Every count of {@code counters}' buckets, plus the first samples kept as they are, is in
     * {@code histogram} at the same value, and nothing else is.
     */
    private static void assertLossless(MethodCounters counters, Histogram histogram) {
        LatencyBuckets latencies = counters.latencies();
        Histogram layout = new Histogram(2);
        java.util.Map<Long, Long> firstSamples = new java.util.HashMap<>();
        for (int i = 0; i < latencies.firstSampleCount(); i++) {
            firstSamples.merge(layout.lowestEquivalentValue(latencies.firstSample(i)), 1L, Long::sum);
        }
        long total = latencies.firstSampleCount();
        for (int b = 0; b < LatencyBuckets.BUCKET_COUNT; b++) {
            long[] counts = latencies.bucket(b);
            if (counts == null) {
                continue;
            }
            for (int i = 0; i < counts.length; i++) {
                long value = LatencyBuckets.valueAt(b, i);
                assertThat(histogram.getCountAtValue(value)).as("count at bucket %d entry %d", b, i)
                        .isEqualTo(counts[i] + firstSamples.getOrDefault(value, 0L));
                total += counts[i];
            }
        }
        assertThat(histogram.getTotalCount()).isEqualTo(total);
    }

    /** 0..300 one by one, then both ends and the middle of every power of two up to Long.MAX_VALUE. */
    private static List<Long> interestingValues() {
        List<Long> values = new ArrayList<>();
        for (long v = 0; v <= 300; v++) {
            values.add(v);
        }
        for (int shift = 9; shift < 63; shift++) {
            long power = 1L << shift;
            values.add(power - 1);
            values.add(power);
            values.add(power + 1);
            values.add(power + power / 3);
        }
        values.add(Long.MAX_VALUE);
        return values;
    }
}
