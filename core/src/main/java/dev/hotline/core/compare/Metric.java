package dev.hotline.core.compare;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.report.Durations;
import java.util.Locale;

/** What diff and check compare per method. */
public enum Metric {
    CALLS, P50, P90, P99, MAX, MEAN, TOTAL, SELF;

    /** The value in one profile (calls as a count, the rest in ns). */
    public double of(MethodProfile m) {
        return switch (this) {
            case CALLS -> m.calls();
            case P50 -> m.percentileNanos(50);
            case P90 -> m.percentileNanos(90);
            case P99 -> m.percentileNanos(99);
            case MAX -> m.maxNanos();
            case MEAN -> m.calls() == 0 ? 0 : (double) m.totalNanos() / m.calls();
            case TOTAL -> m.totalNanos();
            case SELF -> m.selfNanos();
        };
    }

    /** A value of this metric as people read it: calls as a whole number, the rest as a duration. */
    public String format(double value) {
        return this == CALLS ? Long.toString((long) value) : Durations.format(value);
    }

    /** The percentile for P50/P90/P99, else NaN. */
    double percentile() {
        return switch (this) {
            case P50 -> 50;
            case P90 -> 90;
            case P99 -> 99;
            default -> Double.NaN;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
