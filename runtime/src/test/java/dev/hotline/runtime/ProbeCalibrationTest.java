package dev.hotline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeCalibrationTest {

    @AfterEach
    void uncalibrated() throws InterruptedException {
        ProbeCalibration.stop(5_000); // its background phase would set the figures again
        ProbeCosts.set();
    }

    @Test
    void a_calibration_still_running_in_the_background_is_never_among_the_recorders() throws InterruptedException {
        List<ThreadRecorder> before = Recorders.all();
        ProbeCalibration.run(50_000_000L, 2_000_000_000L);
        for (int i = 0; i < 10; i++) {
            assertThat(Recorders.all()).as("recorders while the calibration goes on").hasSameSizeAs(before);
            Thread.sleep(50);
        }
    }

    @Test
    void measures_every_probe_kind_and_leaves_no_recorder_behind() {
        int before = Recorders.all().size();
        long[] costs = ProbeCalibration.run(200_000_000L, 0);

        assertThat(costs).hasSize(ProbeCosts.FIGURES);
        for (long c : costs) {
            assertThat(c).isNotNegative();
        }
        long timedInner = costs[0];
        long timedCall = costs[1];
        long untimedCall = costs[2];
        // a timed call reads the clock twice: it costs more than one that is only counted, and its
        // inner part is a part of it
        assertThat(timedCall).isGreaterThan(untimedCall);
        assertThat(timedInner).isPositive().isLessThanOrEqualTo(timedCall);
        assertThat(costs[ProbeCosts.LINE_TIMED]).as("a timed line reads the clock").isPositive();
        // a skipped line reads no clock; the two probes of a sampled line each read it once
        assertThat(costs[ProbeCosts.LINE_SKIPPED]).as("a skipped line").isLessThanOrEqualTo(costs[ProbeCosts.LINE_TIMED]);
        assertThat(costs[ProbeCosts.LINE_SAMPLED]).as("a sampled line's pair")
                .isGreaterThanOrEqualTo(costs[ProbeCosts.LINE_TIMED]);
        assertThat(costs[ProbeCosts.LINE_SAMPLED_INNER]).as("its inner part").isLessThanOrEqualTo(costs[ProbeCosts.LINE_SAMPLED]);
        assertThat(costs[ProbeCosts.SAMPLED_CALL]).as("a sampled timed call costs at least what a timed call does").isGreaterThanOrEqualTo(timedCall);
        // set at the end of the first phase, settled or not: what runs from then on is subtracted
        assertThat(ProbeCosts.figures()[ProbeCosts.TIMED_CALL]).as("the first phase's figures are set").isEqualTo(timedCall);
        assertThat(Recorders.all()).hasSize(before);
    }
}
