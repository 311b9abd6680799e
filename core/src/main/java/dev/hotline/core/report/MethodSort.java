package dev.hotline.core.report;

import dev.hotline.core.profile.MethodProfile;
import java.util.Comparator;

/** The orders the method table can be sorted in, named as cProfile names them where it has a name. */
public enum MethodSort {
    TOTTIME(Comparator.comparingLong(MethodProfile::selfNanos)),
    CUMTIME(Comparator.comparingLong(MethodProfile::totalNanos)),
    CALLS(Comparator.comparingLong(MethodProfile::calls)),
    PERCALL(Comparator.comparingDouble(m -> (double) m.totalNanos() / m.calls())),
    P50(Comparator.comparingLong(m -> m.percentileNanos(50))),
    P90(Comparator.comparingLong(m -> m.percentileNanos(90))),
    P99(Comparator.comparingLong(m -> m.percentileNanos(99))),
    MAX(Comparator.comparingLong(MethodProfile::maxNanos)),
    EXCEPTIONS(Comparator.comparingLong(MethodProfile::exceptions)),
    NAME(Comparator.comparing((MethodProfile m) -> m.method().key()).reversed());

    private final Comparator<MethodProfile> ascending;

    MethodSort(Comparator<MethodProfile> ascending) {
        this.ascending = ascending;
    }

    /** Biggest first (names A to Z), ties broken by name so the order is stable. */
    public Comparator<MethodProfile> comparator() {
        return ascending.reversed().thenComparing(m -> m.method().key());
    }
}
