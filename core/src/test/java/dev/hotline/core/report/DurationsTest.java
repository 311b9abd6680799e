package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} ns is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0             | 0 ns",
        "7             | 7 ns",
        "42            | 42 ns",
        "999           | 999 ns",
        "1000          | 1.00 µs",
        "1234          | 1.23 µs",
        "1236          | 1.24 µs",
        "9994          | 9.99 µs",
        "12345         | 12.3 µs",
        "99949         | 99.9 µs",
        "123456        | 123 µs",
        "999499        | 999 µs",
        "1000000       | 1.00 ms",
        "1234567       | 1.23 ms",
        "12345678      | 12.3 ms",
        "123456789     | 123 ms",
        "1000000000    | 1.00 s",
        "1234567890    | 1.23 s",
        "12345678901   | 12.3 s",
        "123456789012  | 123 s",
    })
    void formats_nanoseconds_in_the_largest_unit_below_them_with_three_significant_digits(long nanos, String expected) {
        assertThat(Durations.format(nanos)).isEqualTo(expected);
    }

    @Test
    void rounding_that_reaches_ten_or_a_hundred_drops_a_decimal() {
        assertThat(Durations.format(9_995L)).isEqualTo("10.0 µs");
        assertThat(Durations.format(99_950L)).isEqualTo("100 µs");
        assertThat(Durations.format(9_995_000L)).isEqualTo("10.0 ms");
    }

    @Test
    void durations_beyond_a_thousand_seconds_stay_in_seconds() {
        assertThat(Durations.format(3_600_000_000_000L)).isEqualTo("3600 s");
    }

    @Test
    void values_that_round_up_to_a_thousand_move_to_the_next_unit() {
        assertThat(Durations.format(999_500L)).isEqualTo("1.00 ms");
        assertThat(Durations.format(999_999L)).isEqualTo("1.00 ms");
        assertThat(Durations.format(999_500_000L)).isEqualTo("1.00 s");
        assertThat(Durations.format(999_999_999L)).isEqualTo("1.00 s");
    }

    @ParameterizedTest(name = "{0} ns is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0.0       | 0.00 ns",
        "0.5       | 0.50 ns",
        "1.234     | 1.23 ns",
        "12.5      | 12.5 ns",
        "123.4     | 123 ns",
        "999.49    | 999 ns",
        "999.5     | 1.00 µs",
        "1500.4    | 1.50 µs",
        "2500000.2 | 2.50 ms",
    })
    void formats_a_fractional_mean_with_three_significant_digits(double nanos, String expected) {
        assertThat(Durations.format(nanos)).isEqualTo(expected);
    }

    @Test
    void uses_a_decimal_point_whatever_the_default_locale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);

            assertThat(Durations.format(1_234L)).isEqualTo("1.23 µs");
            assertThat(Durations.format(12.5)).isEqualTo("12.5 ns");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void a_negative_estimate_reads_as_its_size_with_a_minus_sign() {
        assertThat(Durations.format(-32_742_888L)).isEqualTo("-32.7 ms");
        assertThat(Durations.format(-8.19)).isEqualTo("-8.19 ns");
        assertThat(Durations.format(-500L)).isEqualTo("-500 ns");
    }
}
