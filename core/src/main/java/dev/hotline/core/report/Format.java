package dev.hotline.core.report;

import java.util.Locale;
import java.util.function.Function;

/**
 * The output formats of {@code report --format} and {@code export}, each naming its renderer.
 * A new format is one class implementing {@link ProfileRenderer} and one constant here.
 */
public enum Format {
    /** The method table, line tables and allocation view as {@link ReportSettings#views()} choose. */
    TEXT(TextReport::new),
    /** One object with the field names of the README's "Report JSON" contract. */
    JSON(settings -> new JsonReport(settings.sort())),
    /** Folded stacks for flamegraph.pl and speedscope. */
    COLLAPSED(settings -> new CollapsedStacks()),
    /** One self-contained page. */
    HTML(settings -> new HtmlReport(settings.sources())),
    /** An HdrHistogram interval log of the latency histograms. */
    HLOG(settings -> new HistogramLog()),
    /** pprof's profile.proto, gzipped: the call tree as samples, for go tool pprof, Pyroscope, Parca. */
    PPROF(settings -> new PprofExport(), true);

    private final Function<ReportSettings, ProfileRenderer> renderer;
    private final boolean binary;

    Format(Function<ReportSettings, ProfileRenderer> renderer) {
        this(renderer, false);
    }

    /** @param binary whether the output is bytes rather than UTF-8 text: it then needs a file */
    Format(Function<ReportSettings, ProfileRenderer> renderer, boolean binary) {
        this.renderer = renderer;
        this.binary = binary;
    }

    public ProfileRenderer renderer(ReportSettings settings) {
        return renderer.apply(settings);
    }

    /** Whether the output is bytes that a terminal cannot show (then it goes to a file, not standard output). */
    public boolean binary() {
        return binary;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
