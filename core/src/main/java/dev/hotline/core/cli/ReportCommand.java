package dev.hotline.core.cli;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.AllocationReport;
import dev.hotline.core.report.LineReport;
import dev.hotline.core.report.SourceLookup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        report.sourcePath = sourcePath;
        if (alloc) {
            report.allocationReport = new AllocationReport(report.top, SourceLookup.of(sourcePath));
        }
        if (lines != null) {
            report.lineReport = new LineReport(lines.equals("*") ? null : MethodSelection.parse(lines), SourceLookup.of(sourcePath));
        }
        if (output == null) {
            return report.print(dump, spec.commandLine().getOut(), err);
        }
        Profile profile = ReportOptions.load(dump, err); // before creating the output: a bad dump leaves no file
        if (profile == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        try (PrintWriter out = ReportOptions.fileWriter(output)) {
            return report.render(profile, dump, out, err);
        } catch (IOException e) {
            err.println("hotline: cannot write " + output + ": " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
    }
}
