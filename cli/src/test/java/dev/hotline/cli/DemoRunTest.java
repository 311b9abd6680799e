package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoRunTest {

    @Test
    void reads_the_time_the_demo_prints() {
        assertThat(DemoRun.took("boxed: sum=33219980 took 18.931 s")).isEqualTo(18.931);
        assertThat(DemoRun.took("primitive: sum=6934 took 0.016 s")).isEqualTo(0.016);
        assertThat(DemoRun.took("wrote julia.png")).isNaN();
    }

    @Test
    void compares_the_demo_s_own_times_when_both_runs_printed_one() {
        DemoRun plain = new DemoRun(1, 0, 1_400_000_000L, 0.853);
        DemoRun profiled = new DemoRun(2, 0, 2_500_000_000L, 1.62);

        assertThat(DemoRun.comparison(plain, profiled))
                .isEqualTo("plain run 0.85 s, with hotline 1.62 s (1.9x; the computation, as the demo timed it)");
    }

    @Test
    void compares_the_whole_jvms_when_a_run_printed_no_time_or_zero() {
        DemoRun plain = new DemoRun(1, 0, 400_000_000L, 0.0);
        DemoRun profiled = new DemoRun(2, 0, 12_345_000_000L, Double.NaN);

        assertThat(DemoRun.comparison(plain, profiled))
                .isEqualTo("plain run 0.40 s, with hotline 12.3 s (30.9x; whole JVMs, start to exit)");
    }

    @Test
    void seconds_show_milliseconds_below_a_tenth_and_tenths_from_ten_on() {
        assertThat(DemoRun.seconds(0.0042)).isEqualTo("0.004");
        assertThat(DemoRun.seconds(0.853)).isEqualTo("0.85");
        assertThat(DemoRun.seconds(9.994)).isEqualTo("9.99");
        assertThat(DemoRun.seconds(18.931)).isEqualTo("18.9");
    }
}
