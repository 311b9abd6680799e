package dev.hotline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import dev.hotline.core.profile.SessionKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {

    private static final MethodRef SLOW = new MethodRef("com.acme.Slow", "run", "()V");
    private static final MethodRef FAST = new MethodRef("com.acme.Fast", "get", "(I)J");
    private static final MethodRef ODD = new MethodRef("odd.Na\"me\\with\nbreak", "m", "()V");
    private static final String SLOW_LABELS = "class=\"com.acme.Slow\",method=\"run\",descriptor=\"()V\"";

    private static Map<String, String> facts(long probeCostNanos, boolean settled) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(SessionKeys.START_EPOCH_MILLIS, "1700000000123");
        facts.put(SessionKeys.METHOD_PROBES, "40");
        facts.put(SessionKeys.PROBE_COST_NANOS, Long.toString(probeCostNanos));
        facts.put(SessionKeys.CALIBRATION_SETTLED_MILLIS, settled ? "450" : "-1");
        for (int i = 0; i < SessionKeys.CALIBRATION_PS.size(); i++) {
            facts.put(SessionKeys.CALIBRATION_PS.get(i), Long.toString(1000L * (i + 1) + 5));
        }
        return facts;
    }

    private static Profile profile(Map<String, String> facts, MethodProfile... methods) {
        Map<MethodRef, MethodProfile> map = new LinkedHashMap<>();
        for (MethodProfile m : methods) {
            map.put(m.method(), m);
        }
        return new Profile(facts, map, CallTreeNode.root(), Map.of(), Map.of(), List.of());
    }

    /** 50 ns x3, 300 ns x2, 2 ms, 20 s: seven calls over the ladder's ends. */
    private static MethodProfile slow() {
        return SampleProfiles.method(SLOW, 7, 1, 20_002_000_800L, 20_000_000_000L,
                new long[] {50, 50, 50, 300, 300, 2_000_000, 20_000_000_000L});
    }

    private static MethodProfile fast(long calls) {
        long[] latencies = new long[(int) calls];
        java.util.Arrays.fill(latencies, 30);
        return SampleProfiles.method(FAST, calls, 0, 30 * calls, 30 * calls, latencies);
    }

    private static String render(MetricsExposition exposition, Profile profile, ExpositionFormat format) throws IOException {
        StringWriter out = new StringWriter();
        exposition.write(profile, format, out);
        return out.toString();
    }

    private static String render(Profile profile, ExpositionFormat format) throws IOException {
        return render(new MetricsExposition(50, "tottime"), profile, format);
    }

    private static List<String> lines(String body, String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix)) {
                found.add(line);
            }
        }
        return found;
    }

    @Test
    void latency_buckets_are_cumulative_on_the_ladder_and_inf_and_count_hold_every_call() throws IOException {
        String body = render(profile(facts(0, true), slow()), ExpositionFormat.PROMETHEUS_TEXT);

        List<String> buckets = lines(body, "hotline_method_latency_seconds_bucket{");
        assertThat(buckets).hasSize(LatencyLadder.LE.length + 1);
        assertThat(buckets).contains(
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"1e-07\"} 3",
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"2.5e-07\"} 3",
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"5e-07\"} 5",
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"0.001\"} 5",
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"0.0025\"} 6",
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"10.0\"} 6",
                "hotline_method_latency_seconds_bucket{" + SLOW_LABELS + ",le=\"+Inf\"} 7");
        assertThat(buckets.get(buckets.size() - 1)).endsWith("le=\"+Inf\"} 7");
        long previous = 0;
        for (String bucket : buckets) {
            long count = Long.parseLong(bucket.substring(bucket.lastIndexOf(' ') + 1));
            assertThat(count).as(bucket).isGreaterThanOrEqualTo(previous);
            previous = count;
        }
        assertThat(body).contains("hotline_method_latency_seconds_count{" + SLOW_LABELS + "} 7\n",
                "hotline_method_calls_total{" + SLOW_LABELS + "} 7\n",
                "hotline_method_exceptions_total{" + SLOW_LABELS + "} 1\n");
    }

    @Test
    void the_latency_sum_is_within_one_percent_of_the_recorded_calls() throws IOException {
        String body = render(profile(facts(0, true), slow()), ExpositionFormat.PROMETHEUS_TEXT);

        String sum = lines(body, "hotline_method_latency_seconds_sum{").get(0);
        double seconds = Double.parseDouble(sum.substring(sum.lastIndexOf(' ') + 1));
        double exact = (3 * 50 + 2 * 300 + 2_000_000 + 20_000_000_000L) / 1e9;
        assertThat(seconds).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void label_values_escape_backslash_double_quote_and_line_feed_in_both_formats() throws IOException {
        MethodProfile odd = SampleProfiles.method(ODD, 1, 0, 10, 10, new long[] {10});
        for (ExpositionFormat format : ExpositionFormat.values()) {
            String body = render(profile(facts(0, true), odd), format);

            assertThat(body).as(format.name()).contains(
                    "hotline_method_calls_total{class=\"odd.Na\\\"me\\\\with\\nbreak\",method=\"m\",descriptor=\"()V\"} 1\n");
            assertThat(body.lines()).as("no sample broken over two lines")
                    .allMatch(line -> line.startsWith("#") || line.startsWith("hotline_"));
        }
    }

    @Test
    void help_text_escapes_quotes_in_openmetrics_only() {
        assertThat(ExpositionWriter.escape("a \"b\" \\ c\nd", true)).isEqualTo("a \\\"b\\\" \\\\ c\\nd");
        assertThat(ExpositionWriter.escape("a \"b\" \\ c\nd", false)).isEqualTo("a \"b\" \\\\ c\\nd");
        assertThat(ExpositionWriter.escape("plain", true)).isSameAs("plain");
    }

    @Test
    void the_text_format_names_counters_with_total_and_has_no_eof() throws IOException {
        String body = render(profile(facts(1234, true), slow()), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(body).contains("# TYPE hotline_method_calls_total counter\n",
                "# HELP hotline_method_calls_total ",
                "# TYPE hotline_method_latency_seconds histogram\n",
                "# TYPE hotline_overhead_seconds_total counter\n",
                "hotline_overhead_seconds_total 0.000001234\n");
        assertThat(body).doesNotContain("# EOF", "# UNIT", "_created");
        assertThat(body).endsWith("\n");
    }

    @Test
    void openmetrics_names_families_without_total_gives_units_and_created_and_ends_with_eof() throws IOException {
        String body = render(profile(facts(1234, true), slow()), ExpositionFormat.OPENMETRICS);

        assertThat(body).contains("# TYPE hotline_method_calls counter\n",
                "# TYPE hotline_method_latency_seconds histogram\n# UNIT hotline_method_latency_seconds seconds\n",
                "# TYPE hotline_overhead_seconds counter\n# UNIT hotline_overhead_seconds seconds\n",
                "hotline_method_calls_total{" + SLOW_LABELS + "} 7\n",
                "hotline_method_calls_created{" + SLOW_LABELS + "} 1700000000.123\n",
                "hotline_method_latency_seconds_created{" + SLOW_LABELS + "} 1700000000.123\n",
                "hotline_overhead_seconds_total 0.000001234\n");
        assertThat(body).doesNotContain("# TYPE hotline_method_calls_total");
        assertThat(body).endsWith("\n# EOF\n");
        assertThat(body.indexOf("# EOF")).isEqualTo(body.length() - "# EOF\n".length());
    }

    @Test
    void only_the_first_methods_of_the_chosen_order_are_shown() throws IOException {
        Profile both = profile(facts(0, true), slow(), fast(100));

        String byTime = render(new MetricsExposition(1, "tottime"), both, ExpositionFormat.PROMETHEUS_TEXT);
        String byCalls = render(new MetricsExposition(1, "calls"), both, ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(lines(byTime, "hotline_method_calls_total{")).singleElement().asString().contains("com.acme.Slow");
        assertThat(lines(byCalls, "hotline_method_calls_total{")).singleElement().asString().contains("com.acme.Fast");
        assertThat(byCalls).doesNotContain("com.acme.Slow").contains("hotline_methods_called 2\n",
                "hotline_methods_instrumented 40\n");
    }

    @Test
    void the_shown_methods_are_the_largest_in_order_with_ties_broken_by_name() throws IOException {
        List<MethodProfile> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(SampleProfiles.method(new MethodRef(String.format("com.acme.C%03d", i), "m", "()V"), 1 + i % 7, 0, 10, 10,
                    new long[] {10}));
        }
        MetricsExposition exposition = new MetricsExposition(5, "calls");

        String body = render(exposition, profile(facts(0, true), many.toArray(MethodProfile[]::new)),
                ExpositionFormat.PROMETHEUS_TEXT);

        // calls 7 for i = 6, 13, 20, ...: the first five of them by class name
        assertThat(lines(body, "hotline_method_calls_total{"))
                .extracting(line -> line.substring(line.indexOf("class=\"") + 7, line.indexOf("\",method")))
                .containsExactly("com.acme.C006", "com.acme.C013", "com.acme.C020", "com.acme.C027", "com.acme.C034");
        assertThat(exposition.shown(many)).hasSize(5);
    }

    @Test
    void methods_never_called_are_not_shown() throws IOException {
        MethodProfile never = new MethodProfile(new MethodRef("com.acme.Never", "x", "()V"));

        String body = render(profile(facts(0, true), never, fast(3)), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(body).doesNotContain("com.acme.Never").contains("hotline_methods_called 1\n");
    }

    @Test
    void the_overhead_counter_never_falls_between_scrapes() throws IOException {
        MetricsExposition exposition = new MetricsExposition(10, "tottime");

        render(exposition, profile(facts(5000, true)), ExpositionFormat.PROMETHEUS_TEXT);
        String later = render(exposition, profile(facts(4999, true)), ExpositionFormat.PROMETHEUS_TEXT);
        String after = render(exposition, profile(facts(7000, true)), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(later).contains("hotline_overhead_seconds_total 0.000005\n");
        assertThat(after).contains("hotline_overhead_seconds_total 0.000007\n");
    }

    @Test
    void probe_costs_show_as_subtracted_and_whether_the_calibration_settled() throws IOException {
        String settled = render(profile(facts(0, true)), ExpositionFormat.PROMETHEUS_TEXT);
        String unsettled = render(profile(facts(0, false)), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(settled).contains("hotline_probe_cost_seconds{probe=\"timed_call\"} 0.000000002005\n",
                "hotline_probe_cost_seconds{probe=\"allocation\"} 0.000000010005\n", "hotline_calibration_settled 1\n");
        // figures that have not settled are subtracted all the same, so they show too
        assertThat(unsettled).contains("hotline_probe_cost_seconds{probe=\"timed_call\"} 0.000000002005\n",
                "hotline_calibration_settled 0\n");
    }

    @Test
    void an_empty_profile_is_a_valid_exposition_of_families_without_methods() throws IOException {
        String body = render(SampleProfiles.empty(), ExpositionFormat.OPENMETRICS);

        assertThat(body).contains("# TYPE hotline_method_calls counter\n", "hotline_overhead_seconds_total 0.0\n",
                "hotline_methods_called 0\n").endsWith("# EOF\n");
    }

    @Test
    void decimals_are_exact_and_always_have_a_point() {
        assertThat(ExpositionWriter.decimal(0, 9)).isEqualTo("0.0");
        assertThat(ExpositionWriter.decimal(123, 9)).isEqualTo("0.000000123");
        assertThat(ExpositionWriter.decimal(1_500_000_000L, 9)).isEqualTo("1.5");
        assertThat(ExpositionWriter.decimal(3_000_000_000L, 9)).isEqualTo("3.0");
        assertThat(ExpositionWriter.decimal(1_700_000_000_123L, 3)).isEqualTo("1700000000.123");
        assertThat(ExpositionWriter.decimal(Long.MAX_VALUE, 9)).isEqualTo("9223372036.854775807");
        assertThat(ExpositionWriter.decimal(-5, 9)).isEqualTo("-0.000000005");
    }
}
