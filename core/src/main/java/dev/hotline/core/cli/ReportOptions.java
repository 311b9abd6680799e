package dev.hotline.core.cli;

import dev.hotline.core.dump.DumpFormatException;
import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.AllocationReport;
import dev.hotline.core.report.CollapsedStacks;
import dev.hotline.core.report.HtmlReport;
import dev.hotline.core.report.JsonReport;
import dev.hotline.core.report.SourceLookup;
import dev.hotline.core.report.LineReport;
import dev.hotline.core.report.MethodSort;
import dev.hotline.core.report.MethodTableReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose how a report looks; shared by report, record and demo. */
final class ReportOptions {

    enum Format { TEXT, JSON, COLLAPSED, HTML }

    @Option(names = "--sort", defaultValue = "tottime", paramLabel = "KEY",
            description = "Sort the method table by: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    MethodSort sort;

    @Option(names = "--top", defaultValue = "25", paramLabel = "N",
            description = "Show the first N methods of the text table; 0 shows all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = {"text, json (every method), collapsed (folded stacks for flamegraph.pl and speedscope)",
                "or html (one self-contained page; use with -o) (default: ${DEFAULT-VALUE})."})
    Format format;

    /** Source path for line contents in the HTML report (report --source-path). */
    String sourcePath;

    /** When set (report --lines), the line tables are printed instead of the method table. */
    LineReport lineReport;

    /** When set (report --alloc), the allocation view is printed instead of the method table. */
    AllocationReport allocationReport;

    /** Reads {@code dump} and prints the report; returns the exit code. */
    int print(Path dump, PrintWriter out, PrintWriter err) {
        Profile profile = load(dump, err);
        return profile == null ? HotlineCli.EXIT_BAD_INPUT : render(profile, dump, out, err);
    }

    /**
     * The method table and, in text, the line and allocation views of the probes that were on
     * (record and demo, after the run). JSON already holds everything.
     */
    int printWithProbeViews(Path dump, boolean lines, boolean allocations, SourceLookup sources,
                            PrintWriter out, PrintWriter err) {
        int code = print(dump, out, err);
        if (code != 0 || format != Format.TEXT || !(lines || allocations)) {
            return code;
        }
        lineReport = lines ? new LineReport(null, sources) : null;
        allocationReport = allocations ? new AllocationReport(top, sources) : null;
        try {
            return print(dump, out, err);
        } finally {
            lineReport = null;
            allocationReport = null;
        }
    }

    /** The dump's profile, or null after one line on {@code err} saying why it cannot be read. */
    static Profile load(Path dump, PrintWriter err) {
        String problem;
        try {
            return DumpReader.read(dump);
        } catch (NoSuchFileException e) {
            problem = "no dump at " + dump;
        } catch (DumpFormatException e) {
            problem = "cannot read " + dump + ": " + e.getMessage();
        } catch (IOException e) {
            problem = "cannot read " + dump + ": " + HotlineCli.describe(e);
        }
        err.println("hotline: " + problem);
        err.flush();
        return null;
    }

    int render(Profile profile, Path dump, PrintWriter out, PrintWriter err) {
        try {
            if (format == Format.JSON) {
                new JsonReport(sort).render(profile, out);
            } else if (format == Format.COLLAPSED) {
                CollapsedStacks.render(profile, out);
            } else if (format == Format.HTML) {
                new HtmlReport(SourceLookup.of(sourcePath)).render(profile, dump.toString(), out);
            } else if (allocationReport != null || lineReport != null) {
                if (lineReport != null) {
                    lineReport.render(profile, out);
                }
                if (allocationReport != null) {
                    allocationReport.render(profile, out);
                }
            } else {
                new MethodTableReport(sort, top).render(profile, dump.toString(), out);
            }
        } catch (IOException e) {
            err.println("hotline: cannot write the report: " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        out.flush();
        return 0;
    }

    static PrintWriter fileWriter(Path file) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new PrintWriter(writer);
    }
}
