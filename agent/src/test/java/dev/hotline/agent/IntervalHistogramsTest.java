package dev.hotline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalHistogramsTest {

    private static final MethodRef RUN = new MethodRef("com.acme.Job", "run", "()V");
    private static final MethodRef STEP = new MethodRef("com.acme.Job", "step", "(I)I");

    /** A cumulative snapshot: every method with the durations of all its calls so far. */
    private static Profile snapshot(Map<MethodRef, long[]> latencies) {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        latencies.forEach((ref, values) -> {
            MethodProfile method = new MethodProfile(ref);
            for (long value : values) {
                method.histogram().recordValue(value);
                method.add(1, 0, value, value, value, value);
            }
            methods.put(ref, method);
        });
        return new Profile(Map.of(), methods, CallTreeNode.root(), Map.of(), Map.of(), List.of());
    }

    @Test
    void each_interval_holds_the_calls_that_ended_in_it() {
        IntervalHistograms intervals = new IntervalHistograms(1_000);

        intervals.close(snapshot(Map.of(RUN, new long[] {100, 200})), 2_000);
        List<IntervalProfile> all = intervals.close(snapshot(Map.of(RUN, new long[] {100, 200, 50_000}, STEP, new long[] {7})), 3_000);

        assertThat(all).extracting(IntervalProfile::startMillis).containsExactly(1_000L, 2_000L);
        assertThat(all).extracting(IntervalProfile::endMillis).containsExactly(2_000L, 3_000L);
        Histogram first = all.get(0).histograms().get(RUN.key());
        assertThat(first.getTotalCount()).isEqualTo(2);
        assertThat(first.getMaxValue()).isEqualTo(first.highestEquivalentValue(200));
        Histogram second = all.get(1).histograms().get(RUN.key());
        assertThat(second.getTotalCount()).isEqualTo(1);
        assertThat(second.getMinValue()).isEqualTo(second.lowestEquivalentValue(50_000));
        assertThat(all.get(1).histograms().get(STEP.key()).getTotalCount()).isEqualTo(1);
        assertThat(all.get(0).histograms()).doesNotContainKey(STEP.key());
    }

    @Test
    void a_method_without_calls_in_an_interval_is_left_out_of_it() {
        IntervalHistograms intervals = new IntervalHistograms(0);
        Profile once = snapshot(Map.of(RUN, new long[] {100}));

        intervals.close(once, 10);
        List<IntervalProfile> all = intervals.close(once, 20);

        assertThat(all).hasSize(2);
        assertThat(all.get(1).histograms()).isEmpty();
    }

    @Test
    void the_intervals_add_up_to_the_last_snapshot() {
        IntervalHistograms intervals = new IntervalHistograms(0);
        long[] calls = {5, 80, 900, 12_000, 130_000, 1_400_000};
        List<IntervalProfile> all = List.of();
        for (int n = 1; n <= calls.length; n++) {
            all = intervals.close(snapshot(Map.of(RUN, java.util.Arrays.copyOf(calls, n))), n);
        }

        Histogram sum = MethodProfile.newHistogram();
        all.forEach(interval -> sum.add(interval.histograms().get(RUN.key())));
        assertThat(sum).isEqualTo(snapshot(Map.of(RUN, calls)).method(RUN).histogram());
        assertThat(all).hasSize(calls.length);
    }

    @Test
    void closing_keeps_the_snapshots_latencies_as_they_were_read() {
        IntervalHistograms intervals = new IntervalHistograms(0);
        Profile snapshot = snapshot(Map.of(RUN, new long[] {100, 200}));
        intervals.close(snapshot(Map.of(RUN, new long[] {100})), 1);

        intervals.close(snapshot, 2);

        assertThat(snapshot.method(RUN).histogram().getTotalCount()).isEqualTo(2);
        assertThat(snapshot.method(RUN).histogram()).isEqualTo(snapshot(Map.of(RUN, new long[] {100, 200})).method(RUN).histogram());
    }

    @Test
    void the_dump_writes_the_latencies_the_interval_was_taken_from_even_if_the_source_grows_after() {
        IntervalHistograms intervals = new IntervalHistograms(0);
        Histogram live = MethodProfile.newHistogram(); // a thread that keeps recording
        live.recordValue(100);
        MethodProfile method = MethodProfile.deferred(RUN, into -> into.add(live));
        method.add(1, 0, 100, 100, 100, 100);
        Profile snapshot = new Profile(Map.of(), new LinkedHashMap<>(Map.of(RUN, method)), CallTreeNode.root(), Map.of(),
                Map.of(), List.of());

        List<IntervalProfile> all = intervals.close(snapshot, 1);
        live.recordValue(5_000); // after the interval was taken, before the dump writes the method

        assertThat(all.get(0).histograms().get(RUN.key()).getTotalCount()).isEqualTo(1);
        assertThat(method.latenciesOnce(MethodProfile::newHistogram).getTotalCount())
                .as("what the dump writes: the interval's sum, not a later read").isEqualTo(1);
    }

    @Test
    void a_method_whose_calls_did_not_change_is_not_read_again() {
        IntervalHistograms intervals = new IntervalHistograms(0);
        intervals.close(snapshot(Map.of(RUN, new long[] {100, 200})), 1);
        int[] reads = {0};
        MethodProfile unchanged = MethodProfile.deferred(RUN, into -> reads[0]++);
        unchanged.add(2, 0, 300, 300, 100, 200);
        Profile again = new Profile(Map.of(), new LinkedHashMap<>(Map.of(RUN, unchanged)), CallTreeNode.root(), Map.of(),
                Map.of(), List.of());

        List<IntervalProfile> all = intervals.close(again, 2);

        assertThat(reads[0]).isZero();
        assertThat(all.get(1).histograms()).isEmpty();
        assertThat(unchanged.histogram().getTotalCount()).as("the last interval's cumulative histogram").isEqualTo(2);
    }
}
