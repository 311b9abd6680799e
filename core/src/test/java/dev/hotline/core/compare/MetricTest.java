package dev.hotline.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.report.Durations;
import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void calls_read_as_a_whole_number_and_every_other_metric_as_a_duration() {
        assertThat(Metric.CALLS.format(33219980)).isEqualTo("33219980");
        for (Metric metric : Metric.values()) {
            if (metric != Metric.CALLS) {
                assertThat(metric.format(1_234_567.0)).as(metric.label()).isEqualTo(Durations.format(1_234_567.0)).isEqualTo("1.23 ms");
            }
        }
    }

    @Test
    void parse_takes_labels_in_any_case() {
        for (Metric metric : Metric.values()) {
            assertThat(Metric.parse(" " + metric.label().toUpperCase(java.util.Locale.ROOT) + " ")).isEqualTo(metric);
        }
    }
}
