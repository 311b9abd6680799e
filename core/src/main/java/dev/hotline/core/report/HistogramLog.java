package dev.hotline.core.report;

import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The latency histograms as an HdrHistogram interval log (format 1.3), one histogram per method
 * tagged with the method ({@code pkg.Cls.name(desc)}), for HdrHistogram's HistogramLogReader,
 * HistogramLogProcessor and HdrHistogramVisualizer. Without intervals one entry per method spans
 * the session; with intervals (agent option {@code interval=}) every interval has one per method.
 */
public final class HistogramLog implements ProfileRenderer {

    @Override
    public void render(Profile profile, String source, OutputStream target) throws IOException {
        long start = profile.facts().startMillis().orElse(0);
        long end = profile.facts().endMillis().orElse(start);
        PrintStream out = new PrintStream(target, false, StandardCharsets.UTF_8);
        HistogramLogWriter writer = new HistogramLogWriter(out); // not closed: that would close the target
        writer.outputComment("hotline export of " + source + ": latency of every call per method, in nanoseconds");
        writer.outputLogFormatVersion();
        writer.outputStartTime(start);
        writer.setBaseTime(start);
        writer.outputLegend();
        if (profile.intervals().isEmpty()) {
            for (MethodProfile m : sorted(profile.methods())) {
                write(writer, m.histogram(), m.method().key(), start, end);
            }
        } else {
            for (IntervalProfile interval : profile.intervals()) {
                for (Map.Entry<String, Histogram> e : interval.histograms().entrySet()) {
                    write(writer, e.getValue(), e.getKey(), interval.startMillis(), interval.endMillis());
                }
            }
        }
        out.flush();
        if (out.checkError()) { // a PrintStream keeps its write errors to itself
            throw new IOException("write failed");
        }
    }

    private static List<MethodProfile> sorted(List<MethodProfile> methods) {
        return methods.stream().sorted(Comparator.comparing(m -> m.method().key())).toList();
    }

    private static void write(HistogramLogWriter writer, Histogram source, String tag, long startMillis, long endMillis) {
        if (source.getTotalCount() == 0) {
            return;
        }
        Histogram histogram = source.copy();
        histogram.setTag(tag.replace(',', ';').replace(' ', '_')); // tags may hold neither
        histogram.setStartTimeStamp(startMillis);
        histogram.setEndTimeStamp(Math.max(startMillis, endMillis));
        writer.outputIntervalHistogram(histogram);
    }
}
