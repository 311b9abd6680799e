package dev.hotline.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.MethodProfile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MethodChangeTest {

    private static final MethodRef M = new MethodRef("com.acme.A", "m", "()V");

    private static MethodProfile sample(long seed, double mean, int calls) {
        Random random = new Random(seed);
        MethodProfile profile = new MethodProfile(M);
        long total = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < calls; i++) {
            long v = (long) Math.max(1, mean * (1 + 0.2 * random.nextGaussian()));
            profile.histogram().recordValue(v);
            total += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        profile.add(calls, 0, total, total, min, max);
        return profile;
    }

    @Test
    void two_samples_of_the_same_distribution_differ_only_by_noise() {
        MethodChange change = new MethodChange(M, sample(1, 10_000, 5_000), sample(2, 10_000, 5_000));

        assertThat(change.significant(Metric.P50)).isFalse();
        assertThat(change.significant(Metric.P99)).isFalse();
        assertThat(change.significant(Metric.MEAN)).isFalse();
    }

    @Test
    void a_method_twice_as_slow_is_a_significant_regression() {
        MethodChange change = new MethodChange(M, sample(1, 10_000, 5_000), sample(2, 20_000, 5_000));

        assertThat(change.significant(Metric.P50)).isTrue();
        assertThat(change.significant(Metric.P99)).isTrue();
        assertThat(change.relative(Metric.P50)).isBetween(0.8, 1.2);
    }

    @Test
    void a_handful_of_calls_cannot_show_a_small_change() {
        MethodChange change = new MethodChange(M, sample(1, 10_000, 5), sample(2, 11_000, 5));

        assertThat(change.significant(Metric.P99)).isFalse();
    }

    @Test
    void a_new_method_is_an_infinite_change() {
        MethodChange change = new MethodChange(M, null, sample(2, 1_000, 10));

        assertThat(change.relative(Metric.P99)).isInfinite();
        assertThat(change.significant(Metric.P99)).isTrue();
    }
}
