package dev.hotline.core.report;

import dev.hotline.core.options.MethodSelection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a report looks, as the command line chose it. Every format takes what applies to it and
 * ignores the rest: JSON the sort, the text format all of it, HTML the sources.
 *
 * @param sort        order of the method table and of the JSON methods
 * @param top         rows of the text method table and sites of the allocation view; 0 shows all
 * @param sources     where line contents come from (line tables, allocation view, HTML)
 * @param views       what the text format prints, always in the order of {@link TextView}
 * @param lineMethods which methods the line tables show; null: every method with line data
 * @param raw         the text method table shows the times as measured, the probes' cost included
 */
public record ReportSettings(MethodSort sort, int top, SourceLookup sources, Set<TextView> views,
                             MethodSelection lineMethods, boolean raw) {

    /** The parts of the text format. */
    public enum TextView {
        /** The cProfile-style method table ({@link MethodTableReport}). */
        METHODS,
        /** line_profiler-style tables ({@link LineReport}). */
        LINES,
        /** The allocation sites and per-line allocations ({@link AllocationReport}). */
        ALLOCATIONS
    }

    /** What {@code hotline report DUMP} shows without options. */
    public static ReportSettings defaults() {
        return new ReportSettings(MethodSort.TOTTIME, 25, SourceLookup.of(null), EnumSet.of(TextView.METHODS), null, false);
    }

    public ReportSettings {
        views = Collections.unmodifiableSet(views.isEmpty() ? EnumSet.noneOf(TextView.class) : EnumSet.copyOf(views));
    }
}
