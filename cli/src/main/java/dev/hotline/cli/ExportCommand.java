package dev.hotline.cli;

import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.Format;
import dev.hotline.core.report.ReportSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a dump in a format for other tools: pprof, an HdrHistogram interval log.", "",
            "Write a dump to a file in a format for other tools.",
            "",
            "--pprof: pprof's profile.proto, gzipped, for go tool pprof (-top, -tree,",
            "-http), Pyroscope and Parca. Every path of the exact call tree is one sample",
            "with the values calls, total/nanoseconds and self/nanoseconds (self is the",
            "default: pprof's flat is the method's self time, cum its inclusive time), plus",
            "alloc_objects and alloc_space per allocation site when the dump has them;",
            "functions carry file and line where the dump has line or allocation data.",
            "Times are the program's own (the tables' figures); methods timed at 1 in N",
            "calls are labelled timing=sampled. Example:",
            "  hotline export app.hotline --pprof -o app.pb.gz",
            "  go tool pprof -top app.pb.gz",
            "",
            "--hlog: the latency histograms as an HdrHistogram interval log (format 1.3),",
            "one histogram per method tagged with the method (pkg.Cls.name(desc)), for",
            "HdrHistogram's HistogramLogReader, HistogramLogProcessor and",
            "HdrHistogramVisualizer; with interval data (agent option interval=), one per",
            "method and interval.",
            "",
            "--format takes every format of hotline report."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DUMP")
    Path dump;

    static final class Choice {
        @Option(names = "--hlog", required = true, description = "Write an HdrHistogram interval log (as --format hlog).")
        boolean hlog;

        @Option(names = "--pprof", required = true, description = "Write pprof's profile.proto, gzipped (as --format pprof).")
        boolean pprof;

        @Option(names = "--format", required = true, paramLabel = "FORMAT",
                description = "pprof, hlog, json, collapsed, html or text (as for report).")
        Format format;

        Format format() {
            return hlog ? Format.HLOG : pprof ? Format.PPROF : format;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The file to write.")
    Path output;

    @Override
    public Integer call() {
        Profile profile = DumpFile.read(dump, spec.commandLine().getErr());
        if (profile == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        Format format = choice.format();
        int code = ReportWriter.write(format, ReportSettings.defaults(), profile, dump.toString(), output, spec);
        if (code == 0) {
            spec.commandLine().getOut().println("wrote " + output + " (" + format.label() + ")");
        }
        return code;
    }
}
