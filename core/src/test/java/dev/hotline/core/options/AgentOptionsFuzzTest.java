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
     * The wildcard match agrees with the textbook definition ({@code *} any run, {@code ?} one
     * UTF-16 char, the rest literal), computed by dynamic programming, and, where the pattern has few
     * {@code *} and no surrogate is involved, with the regular expression it replaced: with many, that expression backtracks for
     * seconds (a 12-character pattern of 10 {@code *} took 15 s), and the fuzzer reported the
     * oracle, not the matcher, as slow.
     */
    @FuzzTest(maxDuration = "5s")
    void a_class_pattern_matches_exactly_what_a_wildcard_match_says(FuzzedDataProvider data) {
        String pattern = data.consumeString(12);
        String name = data.consumeRemainingAsString();
        if (name.length() > 24 || pattern.contains(":") || pattern.isBlank()) {
            return;
        }
        String normalized = pattern.trim().replace('/', '.');
        boolean expected = wildcardMatch(normalized, name);
        // the expression compares code points, the match (and the oracle) UTF-16 chars: they agree
        // only on names without surrogates (its quoting also splits a surrogate pair in two)
        if (normalized.chars().filter(c -> c == '*').count() <= 3
                && (normalized + name).chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            StringBuilder regex = new StringBuilder();
            for (char c : normalized.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            assertThat(Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches())
                    .as("the two oracles on '%s' against '%s'", pattern, name).isEqualTo(expected);
        }

        assertThat(ClassPattern.parse(pattern).matches(name)).as("'%s' against '%s'", pattern, name).isEqualTo(expected);
    }

    /** Whether {@code name} matches {@code pattern} whole: matches[i][j] for the first i and j characters. */
    private static boolean wildcardMatch(String pattern, String name) {
        boolean[][] matches = new boolean[pattern.length() + 1][name.length() + 1];
        matches[0][0] = true;
        for (int i = 1; i <= pattern.length(); i++) {
            char p = pattern.charAt(i - 1);
            for (int j = 0; j <= name.length(); j++) {
                if (p == '*') {
                    matches[i][j] = matches[i - 1][j] || (j > 0 && matches[i][j - 1]);
                } else {
                    matches[i][j] = j > 0 && matches[i - 1][j - 1] && (p == '?' || p == name.charAt(j - 1));
                }
            }
        }
        return matches[pattern.length()][name.length()];
    }
}
