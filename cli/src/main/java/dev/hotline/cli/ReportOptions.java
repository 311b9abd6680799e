package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.Format;
import dev.hotline.core.report.MethodSort;
import dev.hotline.core.report.ReportSettings;
import dev.hotline.core.report.SourceLookup;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that choose how a report looks; a mixin of report, record and demo. */
final class ReportOptions {

    @Option(names = "--sort", defaultValue = "tottime", paramLabel = "KEY",
            description = "Sort the method table by: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    MethodSort sort;

    @Option(names = "--top", defaultValue = "25", paramLabel = "N",
            description = "Show the first N methods of the text table; 0 shows all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = {"text, json (every method), collapsed (folded stacks for flamegraph.pl and speedscope),",
                "html (one self-contained page; use with -o), hlog (HdrHistogram interval log) or pprof",
                "(profile.proto, gzipped, for go tool pprof; needs -o) (default: ${DEFAULT-VALUE})."})
    Format format;

    @Option(names = "--raw",
            description = "Show tottime and cumtime as measured, the probes' own cost included, instead of the program's own time.")
    boolean raw;

    /**
     * @param views       what the text format shows
     * @param lineMethods the methods whose line tables it shows; null: every method with line data
     */
    ReportSettings settings(SourceLookup sources, Set<ReportSettings.TextView> views, MethodSelection lineMethods) {
        return new ReportSettings(sort, top, sources, views, lineMethods, raw);
    }

    /**
     * The settings of record and demo after the run: the method table, then the line tables and the
     * allocation view of the probes the run's agent options turned on.
     */
    ReportSettings afterRun(SourceLookup sources, AgentOptions run) {
        Set<ReportSettings.TextView> views = EnumSet.of(ReportSettings.TextView.METHODS);
        if (!run.lines().isEmpty() || !run.lineHits().isEmpty()) {
            views.add(ReportSettings.TextView.LINES);
        }
        if (!run.alloc().isEmpty()) {
            views.add(ReportSettings.TextView.ALLOCATIONS);
        }
        return settings(sources, views, null);
    }

    /**
     * Reads {@code dump} once and writes it in the chosen format.
     *
     * @param file where to write; null: standard output
     * @return the command's exit code
     */
    int write(Path dump, ReportSettings settings, Path file, CommandSpec spec) {
        Profile profile = DumpFile.read(dump, spec.commandLine().getErr()); // first: a bad dump leaves no file
        return profile == null ? HotlineCli.EXIT_BAD_INPUT
                : ReportWriter.write(format, settings, profile, dump.toString(), file, spec);
    }
}
