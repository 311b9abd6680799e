package dev.hotline.core.cli;

import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a dump's latency histograms as an HdrHistogram interval log.", "", "Write a dump's latency histograms as an HdrHistogram interval log (format 1.3),",
            "one histogram per method probe tagged with the method (pkg.Cls.name(desc)), readable by",
            "HdrHistogram's HistogramLogReader, HistogramLogProcessor and HdrHistogramVisualizer.",
            "With interval data (agent option interval=) every interval is one entry per method."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DUMP")
    Path dump;

    @Option(names = "--hlog", required = true, description = "Write an HdrHistogram interval log (the only export format so far).")
    boolean hlog;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
    Path output;

    @Override
    public Integer call() {
        Profile profile = ReportOptions.load(dump, spec.commandLine().getErr());
        if (profile == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        long start = profile.facts().startMillis().orElse(0);
        long end = profile.facts().endMillis().orElse(start);
        int entries = 0;
        try (PrintStream out = new PrintStream(new FileOutputStream(output.toFile()), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("hotline export of " + dump + ": latency of every call per method, in nanoseconds");
            writer.outputLogFormatVersion();
            writer.outputStartTime(start);
            writer.setBaseTime(start);
            writer.outputLegend();
            if (profile.intervals().isEmpty()) {
                for (MethodProfile m : sorted(profile.methods())) {
                    entries += write(writer, m.histogram(), m.method().key(), start, end);
                }
            } else {
                for (IntervalProfile interval : profile.intervals()) {
                    for (Map.Entry<String, Histogram> e : interval.histograms().entrySet()) {
                        entries += write(writer, e.getValue(), e.getKey(), interval.startMillis(), interval.endMillis());
                    }
                }
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("hotline export: cannot write " + output + ": " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        spec.commandLine().getOut().println("wrote " + entries + " histograms to " + output);
        return 0;
    }

    private static List<MethodProfile> sorted(List<MethodProfile> methods) {
        return methods.stream().sorted(Comparator.comparing(m -> m.method().key())).toList();
    }

    private static int write(HistogramLogWriter writer, Histogram source, String tag, long startMillis, long endMillis) {
        if (source.getTotalCount() == 0) {
            return 0;
        }
        Histogram histogram = source.copy();
        histogram.setTag(tag.replace(',', ';').replace(' ', '_')); // tags may hold neither
        histogram.setStartTimeStamp(startMillis);
        histogram.setEndTimeStamp(Math.max(startMillis, endMillis));
        writer.outputIntervalHistogram(histogram);
        return 1;
    }
}
