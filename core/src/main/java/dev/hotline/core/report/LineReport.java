package dev.hotline.core.report;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.Profile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Map<MethodRef, List<LineProfile>> byMethod = new LinkedHashMap<>();
        for (LineProfile line : inSourceOrder(profile.lines())) {
            MethodRef m = line.line().method();
            if (methods == null || methods.selects(m.className(), m.name())) {
                byMethod.computeIfAbsent(m, k -> new ArrayList<>()).add(line);
            }
        }
        if (byMethod.isEmpty()) {
            out.println("No line data" + (methods == null ? "" : " for " + methods)
                    + ". Line probes are recorded for the methods the agent's lines= option selects,"
                    + " e.g. -javaagent:hotline-agent.jar=lines=com.acme.Parser#parse");
            out.flush();
            return;
        }
        List<Map.Entry<MethodRef, List<LineProfile>>> ordered = new ArrayList<>(byMethod.entrySet());
        ordered.sort(Comparator.comparingLong((Map.Entry<MethodRef, List<LineProfile>> e) -> -total(e.getValue(), true)));
        for (Map.Entry<MethodRef, List<LineProfile>> entry : ordered) {
            renderMethod(entry.getKey(), entry.getValue(), out);
        }
        out.flush();
    }

    /** Whether a method's lines were timed; lines counted without times (linehits=) are shown by hits. */
    static boolean timed(List<LineProfile> lines) {
        return lines.stream().allMatch(LineProfile::timed);
    }

    /** What a line's % column is a share of: its time, or its hits where lines were only counted. */
    static long weight(LineProfile line, boolean timed) {
        return timed ? line.totalNanos() : line.hits();
    }

    static long total(List<LineProfile> lines, boolean timed) {
        return lines.stream().mapToLong(l -> weight(l, timed)).sum();
    }

    private void renderMethod(MethodRef method, List<LineProfile> lines, PrintWriter out) {
        boolean timed = timed(lines);
        long total = total(lines, timed);
        String file = lines.get(0).line().file();
        out.println("Method: " + method.displayName());
        out.println("File: " + (file.isEmpty() ? "(no SourceFile attribute)" : file)
                + (sources.has(file) ? "" : "  (source not found: pass --source-path)"));
        out.println(timed ? "Total time: " + Durations.format(total) + " (time on its lines, callees included)"
                : "Hits only (linehits=): lines were counted, not timed; % Hits is the line's share of the method's hits");
        out.println();
        String header = String.format(Locale.ROOT, "%6s %12s %10s %10s %7s %10s  %s",
                "Line #", "Hits", "Time", "Per Hit", timed ? "% Time" : "% Hits", "p99", "Line Contents");
        out.println(header);
        out.println("=".repeat(header.length() + 16));
        Map<Integer, LineProfile> byLine = new LinkedHashMap<>();
        lines.forEach(l -> byLine.put(l.line().line(), l));
        int first = lines.get(0).line().line();
        int last = lines.get(lines.size() - 1).line().line();
        for (int n = first; n <= last; n++) {
            LineProfile l = byLine.get(n);
            String contents = sources.line(file, n);
            if (l == null) {
                out.println(String.format(Locale.ROOT, "%6d %12s %10s %10s %7s %10s  %s", n, "", "", "", "", "", contents));
            } else if (!timed) {
                out.println(String.format(Locale.ROOT, "%6d %12d %10s %10s %7.1f %10s  %s", n, l.hits(), "-", "-",
                        total == 0 ? 0.0 : 100.0 * weight(l, false) / total, "-", contents));
            } else {
                out.println(String.format(Locale.ROOT, "%6d %12d %10s %10s %7.1f %10s  %s", n, l.hits(),
                        Durations.format(l.totalNanos()), Durations.format((double) l.totalNanos() / l.hits()),
                        total == 0 ? 0.0 : 100.0 * l.totalNanos() / total, Durations.format(l.percentileNanos(99)), contents));
            }
        }
        out.println();
    }
}
