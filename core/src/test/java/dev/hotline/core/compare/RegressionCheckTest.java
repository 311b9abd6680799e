package dev.hotline.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {

    private static final MethodRef PARSE = new MethodRef("com.acme.Parser", "parse", "(Ljava/lang/String;)I");
    private static final MethodRef HELPER = new MethodRef("com.acme.util.Strings", "trim", "()V");
    private static final List<RegressionCheck.Limit> CALLS_50 = List.of(RegressionCheck.Limit.parse("calls=50%"));

    /** Each method called {@code calls[i]} times at 1 µs a call. */
    private static Profile profile(Map<MethodRef, Long> calls) {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        calls.forEach((method, n) -> {
            MethodProfile m = new MethodProfile(method);
            m.histogram().recordValueWithCount(1_000, n);
            m.add(n, 0, 1_000 * n, 1_000 * n, 1_000, 1_000);
            methods.put(method, m);
        });
        return new Profile(Map.of(), methods, CallTreeNode.root(), Map.of(), Map.of(), List.of());
    }

    @Test
    void a_method_called_ten_times_as_often_fails_a_calls_limit_and_is_named() {
        RegressionCheck.Result result = new RegressionCheck(CALLS_50, null, 20)
                .run(profile(Map.of(PARSE, 100L, HELPER, 100L)), profile(Map.of(PARSE, 1_000L, HELPER, 100L)));

        assertThat(result.passed()).isFalse();
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.summary()).isEqualTo("FAILED: 1 regressions beyond calls +50% (2 methods checked)");
        assertThat(result.regressions()).singleElement().extracting(RegressionCheck.Regression::describe)
                .isEqualTo("com.acme.Parser.parse(String): calls 100 -> 1000 (+900%, limit +50%)");
    }

    @Test
    void the_same_counts_pass() {
        RegressionCheck.Result result = new RegressionCheck(CALLS_50, null, 20)
                .run(profile(Map.of(PARSE, 100L)), profile(Map.of(PARSE, 100L)));

        assertThat(result.passed()).isTrue();
        assertThat(result.summary()).isEqualTo("OK: 1 methods within calls +50%");
    }

    @Test
    void methods_outside_the_selection_or_under_min_calls_are_not_judged() {
        Profile before = profile(Map.of(PARSE, 100L, HELPER, 10L));
        Profile after = profile(Map.of(PARSE, 100L, HELPER, 1_000L));

        assertThat(new RegressionCheck(CALLS_50, null, 20).run(before, after).passed()).isTrue();
        assertThat(new RegressionCheck(CALLS_50, null, 5).run(before, after).passed()).isFalse();
        assertThat(new RegressionCheck(CALLS_50, MethodSelection.parse("com.acme.Parser"), 5).run(before, after).passed()).isTrue();
    }

    @Test
    void a_check_that_judged_no_method_does_not_pass_and_says_why() {
        RegressionCheck.Result result = new RegressionCheck(CALLS_50, null, 20)
                .run(profile(Map.of(PARSE, 5L)), profile(Map.of(PARSE, 5L)));

        assertThat(result.nothingChecked()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("no method with at least 20 calls in both dumps matches; nothing was checked");
    }

    @Test
    void limits_read_as_metric_equals_percent() {
        assertThat(RegressionCheck.Limit.parse("p99=10%")).isEqualTo(new RegressionCheck.Limit(Metric.P99, 0.1));
        assertThat(RegressionCheck.Limit.parse("SELF=25")).isEqualTo(new RegressionCheck.Limit(Metric.SELF, 0.25));
        assertThat(RegressionCheck.Limit.parse("p99=10%").label()).isEqualTo("p99 +10%");
        assertThatThrownBy(() -> RegressionCheck.Limit.parse("p99")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegressionCheck.Limit.parse("p42=10%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegressionCheck.Limit.parse("p99=ten")).isInstanceOf(IllegalArgumentException.class);
    }
}
