package dev.hotline.cli;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.report.ReportSettings;
import dev.hotline.core.report.SourceLookup;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print the method table of a dump, or its line, allocation, JSON, HTML or folded-stack views.", "", "Print the method table of a dump, like cProfile's pstats:",
            "ncalls, tottime (self), percall, cumtime (inclusive), percall, p50, p99, max;",
            "with --lines, line_profiler's per-line table for methods recorded with lines=;",
            "with --alloc, the allocation sites of methods recorded with alloc=.",
            "Exit code 2 if the file is missing or not a readable dump."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DUMP", description = "A dump written by the agent (hotline-<pid>.hotline).")
    Path dump;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--lines", arity = "0..1", fallbackValue = "*", paramLabel = "METHODS",
            description = {"Print line_profiler-style tables (Hits, Time, Per Hit, %% Time, p99, source) for the",
                "methods with line data, or those METHODS selects ('Class#method' patterns, ':'-separated)."})
    String lines;

    @Option(names = "--alloc", description = "Print the allocation sites and a per-line allocation view (memory_profiler-style).")
    boolean alloc;

    @Option(names = "--source-path", paramLabel = "PATH",
            description = "Directories and -sources.jar files to find source in, ':'-separated (src/main/java is always tried).")
    String sourcePath;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        Set<ReportSettings.TextView> views = EnumSet.noneOf(ReportSettings.TextView.class);
        if (lines != null) {
            views.add(ReportSettings.TextView.LINES);
        }
        if (alloc) {
            views.add(ReportSettings.TextView.ALLOCATIONS);
        }
        if (views.isEmpty()) {
            views.add(ReportSettings.TextView.METHODS);
        }
        MethodSelection lineMethods = lines == null || lines.equals("*") ? null : MethodSelection.parse(lines);
        return report.write(dump, report.settings(SourceLookup.of(sourcePath), views, lineMethods), output, spec);
    }
}
