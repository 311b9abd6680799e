package dev.hotline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sampling intervals the adaptive timing chooses, of calls ({@link ProbeCosts#intervalFor}) and
 * of the lines of timed calls ({@link ProbeCosts#lineIntervalFor}), from figures set by hand: a
 * timed call 50 ns, an untimed one 5 ns, a sampled one 60 ns, a timed line 30 ns, a counted line
 * 0.5 ns, a skipped line 2 ns, a sampled line's pair of probes 44 ns, at a 5 % budget. A call of
 * 10 µs of its own may then cost 500 ns of probes.
 */
class ProbeCostsTest {

    private static final long OWN_NANOS = 10_000;
    private static final int LINES = 100;

    @BeforeEach
    void budgetOfFivePerCent() {
        ProbeCosts.configure(false, 0.05);
    }

    @AfterEach
    void uncalibrated() {
        ProbeCosts.set();
        ProbeCosts.configure(false, 0.05);
    }

    private static void settled() {
        ProbeCosts.set(20_000, 50_000, 5_000, 25_000, 60_000, 10_000, 30_000, 500, 0, 0, 2_000, 44_000, 12_000);
    }

    @Test
    void a_call_whose_timer_fits_the_budget_is_timed_every_time() {
        settled();
        // (60 - 5) ns of timing against 500 - 5 ns allowed
        assertThat(ProbeCosts.intervalFor(OWN_NANOS, 0, 0)).isEqualTo(1);
    }

    @Test
    void a_call_entering_many_lines_is_timed_more_rarely_as_its_timed_lines_cost_too() {
        settled();
        // allowed: 500 - 5 - 100 x 0.5 = 445 ns; a timed call adds 55 + 100 x 29.5 = 3,005 ns: 1 in 7
        assertThat(ProbeCosts.intervalFor(OWN_NANOS, LINES, LINES * 30_000)).isEqualTo(7);
    }

    @Test
    void a_call_whose_untimed_probes_alone_pass_the_budget_is_timed_as_rarely_as_allowed() {
        settled();
        // 20 ns of its own: 1 ns allowed, less than the untimed call's 5 ns
        assertThat(ProbeCosts.intervalFor(20, 0, 0)).isEqualTo(ProbeCosts.MAX_INTERVAL);
    }

    @Test
    void exact_timing_times_every_call() {
        settled();
        ProbeCosts.configure(true, 0.05);
        assertThat(ProbeCosts.intervalFor(20, LINES, LINES * 30_000)).isEqualTo(1);
        assertThat(ProbeCosts.lineIntervalFor(1)).isEqualTo(1);
    }

    @Test
    void a_call_whose_lines_are_sampled_is_timed_as_often_as_their_lower_cost_allows() {
        settled();
        // the same 100 lines sampled 1 in 50: 100 x 2 + 2 x (44 - 4) = 280 ns a timed call instead
        // of 3,000: it adds 55 + 280 - 50 = 285 ns against 445 allowed, so every call is timed
        assertThat(ProbeCosts.intervalFor(OWN_NANOS, LINES, 280_000)).isEqualTo(1);
    }

    @Test
    void lines_whose_timer_fits_the_budget_are_all_timed() {
        settled();
        // 600 ns of its own a hit: 30 ns allowed, a timed line's cost
        assertThat(ProbeCosts.lineIntervalFor(600)).isEqualTo(1);
    }

    @Test
    void short_lines_are_timed_one_in_as_many_as_keep_their_probes_within_the_budget() {
        settled();
        // 100 ns a hit: 5 ns allowed; a skipped probe takes 2, a sampled line adds 44 - 2 x 2 = 40
        // ns over two skipped ones: 40 / (5 - 2) = 13.3, so one line in 14
        assertThat(ProbeCosts.lineIntervalFor(100)).isEqualTo(14);
    }

    @Test
    void lines_whose_skipped_probes_alone_pass_the_budget_are_timed_as_rarely_as_allowed() {
        settled();
        // 20 ns a hit: 1 ns allowed, less than a skipped probe's 2 ns
        assertThat(ProbeCosts.lineIntervalFor(20)).isEqualTo(ProbeCosts.MAX_INTERVAL);
    }

    @Test
    void before_the_first_figures_every_line_is_timed() {
        assertThat(ProbeCosts.lineIntervalFor(1)).isEqualTo(1);
    }
}
