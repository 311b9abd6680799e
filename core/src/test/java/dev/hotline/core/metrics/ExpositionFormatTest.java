package dev.hotline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpositionFormatTest {

    /** What Prometheus 2.x sends with every scrape. */
    private static final String PROMETHEUS = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void prometheus_gets_openmetrics_1_0() {
        assertThat(ExpositionFormat.negotiate(PROMETHEUS)).isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.OPENMETRICS.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    }

    @Test
    void no_accept_header_curl_and_a_browser_get_the_text_format() {
        assertThat(ExpositionFormat.negotiate(null)).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("*/*")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.PROMETHEUS_TEXT.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void the_highest_quality_wins_whatever_the_order() {
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;q=0.4, text/plain;version=0.0.4;q=0.9"))
                .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("text/plain;q=0.2,APPLICATION/OpenMetrics-Text ; q=0.3"))
                .isEqualTo(ExpositionFormat.OPENMETRICS);
    }

    @Test
    void a_range_refused_with_q_0_or_a_version_not_served_is_passed_over() {
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;q=0,text/plain;q=0.1"))
                .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;version=2.0.0,text/plain;version=0.0.4;q=0.5"))
                .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;q=banana,*/*;q=0.1"))
                .isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    }

    @Test
    void a_header_that_names_nothing_served_falls_back_to_the_text_format() {
        assertThat(ExpositionFormat.negotiate("application/json")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate("")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.negotiate(";;,=,")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    }
}
