package dev.hotline.core.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.regex.Pattern;

/**
 * Agent options and class patterns under Jazzer (committed inputs in
 * {@code src/test/resources/dev/hotline/core/options/AgentOptionsFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes).
 * Whatever the option string, parsing it and asking every option for its value throws nothing and
 * every problem is one line: the agent starts with its defaults for what it could not use, and the
 * application runs on.
 */
class AgentOptionsFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void any_option_string_gives_usable_options_and_one_line_problems(FuzzedDataProvider data) {
        String className = data.consumeString(80);
        AgentOptions options = AgentOptions.parse(data.consumeRemainingAsString());

        for (String problem : options.problems()) {
            assertThat(problem).isNotBlank().doesNotContain("\n").doesNotContain("\r").hasSizeLessThan(1_000);
        }
        if (options.includes() != null) {
            options.includes().matches(className);
        }
        options.excludes().matches(className);
        options.lines().selects(className, "run");
        options.lineHits().selects(className, "lambda$run$0");
        options.alloc().selectsClass(className);
        assertThat(options.logLevel()).isIn("error", "warn", "info", "debug");
        assertThat(options.maxMethods()).isPositive();
        assertThat(options.budgetPercent()).isBetween(0.1, 100.0);
        if (options.interval() != null) {
            assertThat(options.interval().toMillis()).isGreaterThanOrEqualTo(10);
        }
        options.exactTiming();
        options.timesNothing();
        options.dumpClasses();
        assertThat(options.out(4242)).isNotNull();
    }

    /**
     * The wildcard match agrees with the regular expression it replaced ({@code *} any run,
     * {@code ?} one character, the rest literal), on inputs short enough for the regular expression.
     */
    @FuzzTest(maxDuration = "5s")
    void a_class_pattern_matches_exactly_what_its_regular_expression_matches(FuzzedDataProvider data) {
        String pattern = data.consumeString(12);
        String name = data.consumeRemainingAsString();
        if (name.length() > 24 || pattern.contains(":") || pattern.isBlank()) {
            return;
        }
        String normalized = pattern.trim().replace('/', '.');
        StringBuilder regex = new StringBuilder();
        for (char c : normalized.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        boolean expected = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();

        assertThat(ClassPattern.parse(pattern).matches(name)).as("'%s' against '%s'", pattern, name).isEqualTo(expected);
    }
}
