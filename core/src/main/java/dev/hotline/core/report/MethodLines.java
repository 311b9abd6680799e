package dev.hotline.core.report;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One method's line data as a line table shows it: a row for every line from the first to the last
 * that ran, with the line's share of the method's line time, or of its hits where the lines were
 * counted without times ({@code linehits=}). The text line tables and the HTML line view draw these.
 *
 * @param lines the method's lines with data, in line order; not empty
 */
record MethodLines(MethodRef method, List<LineProfile> lines) {

    /**
     * @param line  null if the line did not run (or has no code)
     * @param share the line's part of {@link #total()}, 0 to 1
     */
    record Row(int number, LineProfile line, double share) {
    }

    /** {@code lines} grouped by method, methods and lines in source order. */
    static List<MethodLines> of(List<LineProfile> lines) {
        Map<MethodRef, List<LineProfile>> byMethod = new LinkedHashMap<>();
        for (LineProfile line : LineReport.inSourceOrder(lines)) {
            byMethod.computeIfAbsent(line.line().method(), k -> new ArrayList<>()).add(line);
        }
        List<MethodLines> methods = new ArrayList<>();
        byMethod.forEach((method, its) -> methods.add(new MethodLines(method, its)));
        return methods;
    }

    String file() {
        return lines.get(0).line().file();
    }

    /** Whether every line was timed; otherwise the shares are of hits. */
    boolean timed() {
        return lines.stream().allMatch(LineProfile::timed);
    }

    /** What the shares are shares of: the time on the method's lines, or their hits. */
    long total() {
        boolean timed = timed();
        return lines.stream().mapToLong(l -> weight(l, timed)).sum();
    }

    /** The time on the method's lines (lines counted without times add nothing). */
    long nanos() {
        return lines.stream().mapToLong(LineProfile::totalNanos).sum();
    }

    List<Row> rows() {
        boolean timed = timed();
        long total = total();
        Map<Integer, LineProfile> byNumber = new HashMap<>();
        lines.forEach(l -> byNumber.put(l.line().line(), l));
        List<Row> rows = new ArrayList<>();
        for (int n = lines.get(0).line().line(); n <= lines.get(lines.size() - 1).line().line(); n++) {
            LineProfile line = byNumber.get(n);
            rows.add(new Row(n, line, line == null || total == 0 ? 0 : (double) weight(line, timed) / total));
        }
        return rows;
    }

    /**
     * The lines add up to more than this share of the method's total: their time is then mostly
     * the probes' noise on lines of a few nanoseconds, and the tables say so.
     */
    static final double LINES_OVER_TOTAL = 1.25;

    /** Why these lines' times cannot be read as shares of {@code method}'s time, if they add up to much more; empty otherwise. */
    Optional<String> overTotalNote(MethodProfile method) {
        if (!timed() || method == null || method.totalNanos() <= 0 || total() <= LINES_OVER_TOTAL * method.totalNanos()) {
            return Optional.empty();
        }
        return Optional.of("the lines add up to more than the method's own total (" + Durations.format(method.totalNanos())
                + "): lines of a few nanoseconds read some nanoseconds a hit high or low (the probes' part inside a"
                + " line's interval is calibrated, not known), and a recursive method's outer lines hold its inner calls");
    }

    private static long weight(LineProfile line, boolean timed) {
        return timed ? line.totalNanos() : line.hits();
    }
}
