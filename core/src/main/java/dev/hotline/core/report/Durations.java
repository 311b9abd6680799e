package dev.hotline.core.report;

import java.util.Locale;

/**
 * Nanoseconds as people read them: three significant digits and a unit (ns, µs, ms, s). A negative
 * value (a sum of estimates that came out below zero after the probes' cost was subtracted) reads
 * the same with a minus sign.
 */
public final class Durations {

    private Durations() {
    }

    public static String format(long nanos) {
        if (nanos < 0 && nanos != Long.MIN_VALUE) {
            return "-" + format(-nanos);
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        return format((double) nanos);
    }

    /** Like {@link #format(long)} for a mean, which may be fractional. */
    public static String format(double nanos) {
        if (nanos < 0) {
            return "-" + format(-nanos);
        }
        // Choose the unit after rounding to 3 significant digits: 999.7 µs reads "1.00 ms".
        if (nanos < 999.5) {
            return scaled(nanos, "ns");
        }
        if (nanos < 999_500) {
            return scaled(nanos / 1e3, "µs");
        }
        if (nanos < 999_500_000) {
            return scaled(nanos / 1e6, "ms");
        }
        return scaled(nanos / 1e9, "s");
    }

    private static String scaled(double value, String unit) {
        String digits;
        if (value >= 99.95) {
            digits = String.format(Locale.ROOT, "%.0f", value);
        } else if (value >= 9.995) {
            digits = String.format(Locale.ROOT, "%.1f", value);
        } else {
            digits = String.format(Locale.ROOT, "%.2f", value);
        }
        return digits + " " + unit;
    }
}
