package dev.hotline.core.report;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * line_profiler's view, per method with line data: Line #, Hits, Time, Per Hit, % Time, p99 and
 * Line Contents, for every line from the first to the last line that ran. % Time is the line's
 * share of the method's line time (the sum over its lines).
 */
public final class LineReport implements ProfileRenderer {

    private final MethodSelection methods;
    private final SourceLookup sources;

    /** @param methods which methods to show; null shows every method with line data */
    public LineReport(MethodSelection methods, SourceLookup sources) {
        this.methods = methods;
        this.sources = sources;
    }

    /** Lines ordered by class, method, descriptor and line number. */
    public static List<LineProfile> inSourceOrder(List<LineProfile> lines) {
        List<LineProfile> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing((LineProfile l) -> l.line().method().key()).thenComparingInt(l -> l.line().line()));
        return sorted;
    }

    @Override
    public void render(Profile profile, String source, OutputStream target) {
        PrintWriter out = ProfileRenderer.text(target);
        List<MethodLines> shown = new ArrayList<>();
        for (MethodLines lines : MethodLines.of(profile.lines())) {
            MethodRef m = lines.method();
            if (methods == null || methods.selects(m.className(), m.name())) {
                shown.add(lines);
            }
        }
        if (shown.isEmpty()) {
            out.println("No line data" + (methods == null ? "" : " for " + methods)
                    + ". Line probes are recorded for the methods the agent's lines= option selects,"
                    + " e.g. -javaagent:hotline-agent.jar=lines=com.acme.Parser#parse");
            out.flush();
            return;
        }
        shown.sort(Comparator.comparingLong(lines -> -lines.nanos()));
        for (MethodLines lines : shown) {
            renderMethod(lines, profile.method(lines.method()), out);
        }
        out.flush();
    }

    /** @param method the method's own figures, or null if it has none (lines only) */
    private void renderMethod(MethodLines lines, MethodProfile method, PrintWriter out) {
        boolean timed = lines.timed();
        String file = lines.file();
        out.println("Method: " + lines.method().displayName());
        out.println("File: " + (file.isEmpty() ? "(no SourceFile attribute)" : file)
                + (sources.has(file) ? "" : "  (source not found: pass --source-path)"));
        out.println(timed ? "Total time: " + Durations.format(lines.total()) + " (time on its lines, callees included)"
                : "Hits only (linehits=): lines were counted, not timed; % Hits is the line's share of the method's hits");
        lines.overTotalNote(method).ifPresent(note -> out.println("Note: " + note));
        if (timed && lines.lines().stream().anyMatch(LineProfile::sampled)) {
            out.println("~ sampled: every hit counted, the time estimated from the hits that were timed (the method's"
                    + " timed calls, and within them one line in L); its error at 95 % is the JSON's errorPercent");
        }
        out.println();
        String header = String.format(Locale.ROOT, "%6s %12s %10s %10s %7s %10s  %s",
                "Line #", "Hits", "Time", "Per Hit", timed ? "% Time" : "% Hits", "p99", "Line Contents");
        out.println(header);
        out.println("=".repeat(header.length() + 16));
        for (MethodLines.Row row : lines.rows()) {
            LineProfile l = row.line();
            String contents = sources.line(file, row.number());
            if (l == null) {
                out.println(String.format(Locale.ROOT, "%6d %12s %10s %10s %7s %10s  %s", row.number(), "", "", "", "", "", contents));
            } else if (!timed) {
                out.println(String.format(Locale.ROOT, "%6d %12d %10s %10s %7.1f %10s  %s", row.number(), l.hits(), "-", "-",
                        100 * row.share(), "-", contents));
            } else {
                out.println(String.format(Locale.ROOT, "%6d %12d %10s %10s %7.1f %10s  %s", row.number(), l.hits(),
                        (l.sampled() ? "~" : "") + Durations.format(l.totalNanos()),
                        Durations.format((double) l.totalNanos() / l.hits()),
                        100 * row.share(), Durations.format(l.percentileNanos(99)), contents));
            }
        }
        out.println();
    }
}
