package dev.hotline.core.compare;

import static dev.hotline.core.compare.TwoRuns.MAIN;
import static dev.hotline.core.compare.TwoRuns.WORK;
import static dev.hotline.core.compare.TwoRuns.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hotline.core.profile.Profile;
import org.junit.jupiter.api.Test;

class FrameChangeTest {

    private static FrameChange work(Profile before, Profile after) {
        return FrameChange.of(TwoRuns.node(before, MAIN, WORK), TwoRuns.node(after, MAIN, WORK), before, after);
    }

    @Test
    void a_path_whose_calls_take_twice_as_long_with_a_narrow_spread_is_slower_beyond_noise() {
        FrameChange change = work(TwoRuns.run(latencies(1000, 100, 10), null), TwoRuns.run(latencies(1000, 200, 10), null));

        assertThat(change.verdict()).isEqualTo(FrameChange.Verdict.SLOWER);
        assertThat(change.relative()).isCloseTo(1.0, within(1e-9));
        // 1000 calls, 100 ns more each
        assertThat(change.nanosChanged()).isCloseTo(100_000, within(1e-6));
    }

    @Test
    void a_path_whose_calls_got_quicker_is_faster_beyond_noise() {
        FrameChange change = work(TwoRuns.run(latencies(500, 1000, 50), null), TwoRuns.run(latencies(800, 700, 50), null));

        assertThat(change.verdict()).isEqualTo(FrameChange.Verdict.FASTER);
        assertThat(change.relative()).isCloseTo(-0.3, within(1e-9));
        assertThat(change.nanosChanged()).isCloseTo(-800 * 300, within(1e-6));
    }

    @Test
    void a_small_shift_against_a_wide_spread_is_within_noise() {
        // means 5000 and 5100 ns, calls spread over +-4900 ns: a standard error of ~200 ns
        FrameChange change = work(TwoRuns.run(latencies(200, 5000, 4900), null), TwoRuns.run(latencies(200, 5100, 4900), null));

        assertThat(change.verdict()).isEqualTo(FrameChange.Verdict.WITHIN_NOISE);
        assertThat(change.relative()).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void with_fewer_than_twenty_calls_in_either_run_a_frame_is_not_judged_but_its_change_is_given() {
        FrameChange change = work(TwoRuns.run(latencies(19, 100, 1), null), TwoRuns.run(latencies(1000, 300, 1), null));

        assertThat(change.verdict()).isEqualTo(FrameChange.Verdict.NOT_JUDGED);
        assertThat(change.relative()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void a_path_the_first_run_did_not_have_is_new() {
        Profile before = TwoRuns.run(latencies(100, 100, 10), null);
        Profile after = TwoRuns.run(latencies(100, 100, 10), TwoRuns.FRESH);

        FrameChange change = FrameChange.of(TwoRuns.node(before, MAIN, TwoRuns.FRESH), TwoRuns.node(after, MAIN, TwoRuns.FRESH),
                before, after);

        assertThat(change.before()).isNull();
        assertThat(change.verdict()).isEqualTo(FrameChange.Verdict.NEW);
        assertThat(change.relative()).isNaN();
    }

    @Test
    void a_method_timed_at_one_call_in_n_counts_only_its_timed_calls_as_draws() {
        Profile before = TwoRuns.run(latencies(1000, 100, 10), null);
        Profile after = TwoRuns.run(latencies(1000, 110, 10), null);
        assertThat(work(before, after).verdict()).as("all 1000 calls timed").isEqualTo(FrameChange.Verdict.SLOWER);

        // the same times, estimated from 1 timed call in 500: two draws per run
        before.method(WORK).addTiming(2, 0, 0);
        after.method(WORK).addTiming(2, 0, 0);

        assertThat(before.method(WORK).sampled()).isTrue();
        assertThat(work(before, after).verdict()).isEqualTo(FrameChange.Verdict.WITHIN_NOISE);
    }
}
