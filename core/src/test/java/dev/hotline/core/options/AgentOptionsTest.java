package dev.hotline.core.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void parses_every_known_option() {
        AgentOptions options = AgentOptions.parse(
                "includes=com.acme.*:org.example.Foo,excludes=com.acme.generated.*,lines=com.acme.Hot#loop,"
                        + "linehits=com.acme.Count#tally*,alloc=com.acme.*,out=/tmp/dumps/app.hotline,log=debug,"
                        + "interval=250ms,dumpclasses=/tmp/classes,maxmethods=1000");

        assertThat(options.problems()).isEmpty();
        assertThat(options.includes().matches("com.acme.Service")).isTrue();
        assertThat(options.includes().matches("org.example.Foo")).isTrue();
        assertThat(options.includes().matches("org.example.Bar")).isFalse();
        assertThat(options.excludes().matches("com.acme.generated.Proto")).isTrue();
        assertThat(options.excludes().matches("com.acme.Service")).isFalse();
        assertThat(options.lines().selects("com.acme.Hot", "loop")).isTrue();
        assertThat(options.lines().selects("com.acme.Hot", "run")).isFalse();
        assertThat(options.alloc().selects("com.acme.Hot", "run")).isTrue();
        assertThat(options.alloc().selects("org.other.Cold", "run")).isFalse();
        assertThat(options.lineHits().selects("com.acme.Count", "tallyAll")).isTrue();
        assertThat(options.lineHits().selects("com.acme.Count", "reset")).isFalse();
        assertThat(options.lineHits().selects("com.acme.Hot", "tally")).isFalse();
        assertThat(options.out(1)).isEqualTo(Path.of("/tmp/dumps/app.hotline"));
        assertThat(options.logLevel()).isEqualTo("debug");
        assertThat(options.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.dumpClasses()).isEqualTo(Path.of("/tmp/classes"));
        assertThat(options.maxMethods()).isEqualTo(1000);
    }

    @Test
    void no_options_mean_the_defaults_and_no_problems() {
        for (String none : new String[] {null, "", "   "}) {
            AgentOptions options = AgentOptions.parse(none);

            assertThat(options.problems()).as("options %s", none).isEmpty();
            assertThat(options.raw()).isEmpty();
            assertThat(options.includes()).isNull();
            assertThat(options.excludes().matches("com.acme.Anything")).isFalse();
            assertDefaults(options, "");
        }
    }

    @Test
    void out_replaces_every_percent_p_with_the_pid() {
        AgentOptions options = AgentOptions.parse("out=/var/tmp/%p/app-%p.hotline");

        assertThat(options.out(12345)).isEqualTo(Path.of("/var/tmp/12345/app-12345.hotline"));
    }

    @Test
    void out_without_percent_p_is_used_as_given() {
        assertThat(AgentOptions.parse("out=run.hotline").out(12345)).isEqualTo(Path.of("run.hotline"));
    }

    @Test
    void the_default_out_is_hotline_pid_in_the_working_directory() {
        assertThat(AgentOptions.DEFAULT_OUT).isEqualTo("hotline-%p.hotline");
        assertThat(AgentOptions.parse("log=info").out(4242)).isEqualTo(Path.of("hotline-4242.hotline"));
    }

    @Test
    void an_empty_out_is_a_problem_and_the_default_stands() {
        AgentOptions options = AgentOptions.parse("out=");

        assertThat(options.problems()).singleElement().asString().contains("out=").contains(AgentOptions.DEFAULT_OUT);
        assertThat(options.out(9)).isEqualTo(Path.of("hotline-9.hotline"));
    }

    @Test
    void an_unknown_key_is_a_problem_that_names_it_and_the_known_keys() {
        AgentOptions options = AgentOptions.parse("includes=com.acme.*,inclued=com.other.*");

        assertThat(options.problems()).singleElement().asString()
                .contains("'inclued'")
                .contains("includes", "excludes", "lines", "alloc", "out", "log");
        assertThat(options.includes().matches("com.acme.Service")).isTrue();
        assertThat(options.includes().matches("com.other.Service")).isFalse();
    }

    @Test
    void a_pair_without_an_equals_sign_is_a_problem_not_an_exception() {
        AgentOptions options = AgentOptions.parse("nonsense,log=info");

        assertThat(options.problems()).singleElement().asString().contains("'nonsense'").contains("key=value");
        assertThat(options.logLevel()).isEqualTo("info");
    }

    @Test
    void a_pair_without_a_key_is_a_problem() {
        AgentOptions options = AgentOptions.parse("=com.acme.*");

        assertThat(options.problems()).singleElement().asString().contains("'=com.acme.*'");
        assertThat(options.includes()).isNull();
    }

    @Test
    void every_problem_is_reported_once_and_on_one_line() {
        AgentOptions options = AgentOptions.parse("nonsense,colour=blue,log=loud,out=,=x,includes=com.acme.*");

        assertThat(options.problems()).hasSize(5).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r"));
        assertThat(options.includes().matches("com.acme.A")).isTrue();
    }

    @Test
    void odd_input_never_throws_and_leaves_every_option_it_does_not_set_at_its_default() {
        // input -> the problems it makes (every one of these sets nothing)
        Map<String, Integer> nothingSet = new LinkedHashMap<>();
        nothingSet.put(",", 0);
        nothingSet.put(",,,", 0);
        nothingSet.put("=", 1);
        nothingSet.put("==", 1);
        nothingSet.put("log", 1);
        nothingSet.put("log==debug", 1);
        nothingSet.put("\u0000=\u0000", 1);
        nothingSet.forEach((odd, problems) -> {
            AgentOptions options = AgentOptions.parse(odd);

            assertThat(options.problems()).as("problems of %s", odd).hasSize(problems);
            assertDefaults(options, odd);
        });
    }

    @Test
    void odd_patterns_are_literal_text_and_an_empty_one_matches_nothing() {
        for (String odd : new String[] {"[", "(?", "\\", ":"}) {
            AgentOptions options = AgentOptions.parse("includes=" + odd);

            assertThat(options.problems()).as(odd).isEmpty();
            assertThat(options.includes().matches(odd)).as("includes=%s matches itself", odd).isEqualTo(!odd.equals(":"));
            assertThat(options.includes().matches("com.acme.A")).as(odd).isFalse();
        }
        AgentOptions pid = AgentOptions.parse("out=%p");
        assertThat(pid.out(1)).isEqualTo(Path.of("1"));
    }

    /** Every option at its default, but for out (checked unless {@code given} sets it). */
    private static void assertDefaults(AgentOptions options, String given) {
        assertThat(options.includes()).as("includes of %s", given).isNull();
        assertThat(options.excludes().matches("com.acme.A")).as("excludes of %s", given).isFalse();
        assertThat(options.lines().isEmpty()).as("lines of %s", given).isTrue();
        assertThat(options.lineHits().isEmpty()).as("linehits of %s", given).isTrue();
        assertThat(options.alloc().isEmpty()).as("alloc of %s", given).isTrue();
        assertThat(options.logLevel()).as("log of %s", given).isEqualTo("warn");
        assertThat(options.interval()).as("interval of %s", given).isNull();
        assertThat(options.dumpClasses()).as("dumpclasses of %s", given).isNull();
        assertThat(options.maxMethods()).as("maxmethods of %s", given).isEqualTo(AgentOptions.DEFAULT_MAX_METHODS);
        assertThat(options.metrics()).as("metrics of %s", given).isNull();
        assertThat(options.metricsTop()).as("metricstop of %s", given).isEqualTo(AgentOptions.DEFAULT_METRICS_TOP);
        assertThat(options.metricsSort()).as("metricssort of %s", given).isEqualTo("tottime");
        assertThat(options.out(77)).as("out of %s", given).isEqualTo(Path.of("hotline-77.hotline"));
    }

    @Test
    void an_unknown_log_level_is_a_problem_and_warn_stands() {
        AgentOptions options = AgentOptions.parse("log=verbose");

        assertThat(options.problems()).singleElement().asString().contains("log=verbose").contains("error, warn, info, debug");
        assertThat(options.logLevel()).isEqualTo("warn");
    }

    @Test
    void log_levels_are_case_insensitive() {
        assertThat(AgentOptions.parse("log=DEBUG").logLevel()).isEqualTo("debug");
        assertThat(AgentOptions.parse("log=Error").problems()).isEmpty();
        assertThat(AgentOptions.parse("log=Error").logLevel()).isEqualTo("error");
    }

    @Test
    void logfile_names_the_log_file_with_the_pid_for_percent_p_and_without_it_the_log_goes_to_stderr() {
        assertThat(AgentOptions.parse("logfile=/tmp/hotline-%p.log").logFile(4242)).isEqualTo(Path.of("/tmp/hotline-4242.log"));
        assertThat(AgentOptions.parse("log=info").logFile(4242)).isNull();
    }

    @Test
    void an_empty_logfile_is_a_problem_and_the_log_stays_on_stderr() {
        AgentOptions options = AgentOptions.parse("logfile=");

        assertThat(options.problems()).singleElement().asString().contains("logfile=").contains("stderr");
        assertThat(options.logFile(1)).isNull();
    }

    @Test
    void whitespace_around_keys_and_values_is_ignored() {
        AgentOptions options = AgentOptions.parse("  includes = com.acme.* , log = info ");

        assertThat(options.problems()).isEmpty();
        assertThat(options.includes().matches("com.acme.A")).isTrue();
        assertThat(options.logLevel()).isEqualTo("info");
    }

    @Test
    void a_later_value_of_the_same_key_wins() {
        assertThat(AgentOptions.parse("out=a.hotline,out=b.hotline").out(1)).isEqualTo(Path.of("b.hotline"));
    }

    @Test
    void a_value_may_contain_equals_signs() {
        assertThat(AgentOptions.parse("out=/tmp/a=b/%p.hotline").out(3)).isEqualTo(Path.of("/tmp/a=b/3.hotline"));
    }

    @Test
    void raw_keeps_the_options_as_given() {
        assertThat(AgentOptions.parse(" includes=com.acme.*,nonsense ").raw()).isEqualTo("includes=com.acme.*,nonsense");
    }

    @Test
    void of_joins_the_pairs_in_their_order_and_leaves_out_null_values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(AgentOptions.INCLUDES, "com.acme.*");
        values.put(AgentOptions.EXCLUDES, null);
        values.put(AgentOptions.LINES, "com.acme.Hot#loop");
        values.put(AgentOptions.OUT, "/tmp/run-%p.hotline");

        AgentOptions options = AgentOptions.of(values);

        assertThat(options.raw()).isEqualTo("includes=com.acme.*,lines=com.acme.Hot#loop,out=/tmp/run-%p.hotline");
        assertThat(options.problems()).isEmpty();
        assertThat(options.lines().selects("com.acme.Hot", "loop")).isTrue();
        assertThat(options.out(7)).isEqualTo(Path.of("/tmp/run-7.hotline"));
    }

    @Test
    void invalid_says_what_the_agent_expects_of_a_value_and_the_same_words_end_its_problem() {
        assertThat(AgentOptions.invalid(AgentOptions.LOG, "loud")).isEqualTo("expected one of error, warn, info, debug");
        assertThat(AgentOptions.invalid(AgentOptions.MAX_METHODS, "0")).startsWith("expected a whole number");
        assertThat(AgentOptions.invalid(AgentOptions.INTERVAL, "5ms")).startsWith("expected a duration");
        for (String fine : new String[] {"log=DEBUG", "maxmethods=1", "interval=10ms", "includes=whatever", "out=x"}) {
            String[] pair = fine.split("=");
            assertThat(AgentOptions.invalid(pair[0], pair[1])).as(fine).isNull();
        }
        assertThat(AgentOptions.parse("interval=5ms").problems())
                .containsExactly("ignoring interval=5ms: " + AgentOptions.invalid(AgentOptions.INTERVAL, "5ms"));
    }

    @Test
    void metrics_takes_a_port_alone_for_the_loopback_address_or_a_host_the_user_names() {
        assertThat(AgentOptions.parse("metrics=9464").metrics()).isEqualTo(new MetricsAddress(null, 9464));
        assertThat(AgentOptions.parse("metrics=:9464").metrics()).isEqualTo(new MetricsAddress(null, 9464));
        assertThat(AgentOptions.parse("metrics=127.0.0.1:0").metrics()).isEqualTo(new MetricsAddress("127.0.0.1", 0));
        assertThat(AgentOptions.parse("metrics=0.0.0.0:9464").metrics()).isEqualTo(new MetricsAddress("0.0.0.0", 9464));
        assertThat(AgentOptions.parse("metrics=metrics.local:65535").metrics())
                .isEqualTo(new MetricsAddress("metrics.local", 65535));
        assertThat(AgentOptions.parse("metrics=[::1]:9464").metrics()).isEqualTo(new MetricsAddress("::1", 9464));
        assertThat(new MetricsAddress(null, 9464).toString()).isEqualTo("127.0.0.1:9464");
        assertThat(new MetricsAddress("::1", 80).toString()).isEqualTo("[::1]:80");
    }

    @Test
    void a_malformed_metrics_address_is_a_problem_and_no_endpoint_is_asked_for() {
        for (String bad : new String[] {"", "host", "host:", "host:port", "127.0.0.1:65536", "::1:9464", "[::1]9464",
                "a b:80", "[]:80", "-1", "http://localhost:9464"}) {
            AgentOptions options = AgentOptions.parse("metrics=" + bad);

            assertThat(options.metrics()).as(bad).isNull();
            assertThat(options.problems()).as(bad).singleElement().asString().startsWith("ignoring metrics=")
                    .endsWith(AgentOptions.invalid(AgentOptions.METRICS, bad));
        }
    }

    @Test
    void metricstop_and_metricssort_choose_the_methods_the_endpoint_shows() {
        AgentOptions options = AgentOptions.parse("metrics=9464,metricstop=7,metricssort=calls");

        assertThat(options.problems()).isEmpty();
        assertThat(options.metricsTop()).isEqualTo(7);
        assertThat(options.metricsSort()).isEqualTo("calls");
        assertThat(AgentOptions.parse("metricstop=0").problems()).singleElement().asString().contains("1 to 10000");
        assertThat(AgentOptions.parse("metricstop=10001").metricsTop()).isEqualTo(AgentOptions.DEFAULT_METRICS_TOP);
        assertThat(AgentOptions.parse("metricssort=p99").problems()).singleElement().asString()
                .contains("tottime, cumtime, calls");
    }

    @Test
    void problems_cannot_be_modified_by_callers() {
        AgentOptions options = AgentOptions.parse("nonsense");

        assertThatThrownBy(() -> options.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
