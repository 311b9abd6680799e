package dev.hotline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeCalibrationTest {

    @AfterEach
    void uncalibrated() throws InterruptedException {
        ProbeCalibration.stop(5_000); // its background phase would set the figures again
        ProbeCosts.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
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

        assertThat(costs).hasSize(10);
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
        assertThat(costs[6]).as("a timed line reads the clock").isPositive();
        assertThat(costs[4]).as("a sampled timed call costs at least what a timed call does").isGreaterThanOrEqualTo(timedCall);
        if (ProbeCalibration.settledMillis() >= 0) {
            assertThat(ProbeCosts.figures()[1]).as("settled figures are set").isEqualTo(timedCall);
        } else {
            assertThat(ProbeCosts.figures()[1]).as("figures that have not settled are not used").isZero();
        }
        assertThat(Recorders.all()).hasSize(before);
    }
}
