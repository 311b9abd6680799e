package dev.hotline.bench.suite;

import java.util.List;
import java.util.Locale;

/**
 * The issues' goals (issue 13's first), held against this run's numbers (numbers, not tests): met or
 * missed, and "not measured in this run" where a section did not run. Never hidden.
 */
final class Goals {

    /** Boxed Julia, default width, default mode (budget=5), against plain. */
    double boxedDefault = Double.NaN;
    /** MooBench, ns added per call: timing=exact and the hand-written floor (JDK 17). */
    double exactPerCall = Double.NaN;
    double floorPerCall = Double.NaN;
    /** The same as run times (ns per outer call), for the note. */
    double exactOverFloorRunTime = Double.NaN;
    /** MooBench, ns added per call on JDK 25: timing=exact and JFR's jdk.MethodTiming. */
    double exactPerCall25 = Double.NaN;
    double jfrPerCall25 = Double.NaN;
    double exactOverJfrRunTime = Double.NaN;
    double defaultPerCall = Double.NaN;
    /** Primitive Julia: linehits= alone (the line goal's pairs), timed lines in the default mode (the table). */
    double primitiveLineHits = Double.NaN;
    double primitiveLinesDefault = Double.NaN;
    int linesDefaultWidth;
    /** Known-work accuracy: figures within the bound, all figures, those outside. */
    int accuracyWithin = -1;
    int accuracyAll;
    List<String> accuracyMisses = List.of();
    double perAllocation = Double.NaN;
    /** Embedded Jetty, default mode, requests/s against plain. */
    double serverDefault = Double.NaN;
    /** javac compiling Commons Lang, its own classes timed: wall and peak RSS against plain, dump bytes. */
    double javacTime = Double.NaN;
    double javacRss = Double.NaN;
    double javacDumpBytes = Double.NaN;

    String markdown() {
        StringBuilder md = new StringBuilder("## Goals against this run\n\n| goal | this run | |\n|---|---|---|\n");
        atMost(md, "boxed Julia demo (width 1000), default mode, every call counted: ≤ 2.0× plain (§ 2, budget table)",
                boxedDefault, 2.0, "%.2f×", "");
        atMost(md, "MooBench, `timing=exact`: ≤ 1.10× the hand-written floor, JDK 17 (ratio of ns added per call)",
                ratio(exactPerCall, floorPerCall), 1.10, "%.2f×", String.format(Locale.ROOT,
                        " (%.1f ns against %.1f ns per call; as run times %.2f×)", exactPerCall, floorPerCall,
                        exactOverFloorRunTime));
        atMost(md, "MooBench, `timing=exact`: ≤ 1.0× JFR's `jdk.MethodTiming`, JDK 25 (ratio of ns added per call)",
                ratio(exactPerCall25, jfrPerCall25), 1.0, "%.2f×", String.format(Locale.ROOT,
                        " (%.1f ns against %.1f ns per call; as run times %.2f×)", exactPerCall25, jfrPerCall25,
                        exactOverJfrRunTime));
        atMost(md, "primitive Julia, `linehits=` (no timers): ≤ 1.10× plain (width 1000, interleaved pairs, § 2)",
                primitiveLineHits, 1.10, "%.2f×", "");
        atMost(md, "primitive Julia, timed lines (`lines=`, with method timers) in the default mode: ≤ 2.0× plain"
                        + (linesDefaultWidth > 0 ? " (width " + linesDefaultWidth + ", § 2 table)" : ""),
                primitiveLinesDefault, 2.0, "%.2f×", "");
        if (accuracyWithin < 0) {
            md.append("| accuracy: within 25 % (or 5 ns) per call on the known-work targets | not measured in this run | |\n");
        } else {
            md.append(String.format(Locale.ROOT, "| accuracy: within 25 %% (or 5 ns) per call on the known-work targets, "
                    + "default and exact mode (§ 4) | %d of %d figures within%s | %s |%n",
                    accuracyWithin, accuracyAll, accuracyMisses.isEmpty() ? "" : "; outside: "
                            + String.join(", ", accuracyMisses), accuracyWithin == accuracyAll ? "met" : "**missed**"));
        }
        String server = "a real server (embedded Jetty under load on loopback, its own packages timed), default mode: "
                + "≥ 0.8× plain requests/s (§ 3)";
        if (Double.isNaN(serverDefault)) {
            md.append("| ").append(server).append(" | not measured in this run | |\n");
        } else {
            md.append(String.format(Locale.ROOT, "| %s | %.2f× | %s |%n", server, serverDefault,
                    serverDefault >= 0.8 ? "met" : "**missed**"));
        }
        atMost(md, "timed call adds ≤ 50 ns (MooBench, JDK 17, `timing=exact`)", exactPerCall, 50, "%.1f ns",
                Double.isNaN(defaultPerCall) ? "" : String.format(Locale.ROOT,
                        " (default mode: %.1f ns per call; the hand-written floor: %.1f ns)", defaultPerCall,
                        floorPerCall));
        atMost(md, "allocation counting ≤ 5 ns per allocation", perAllocation, 5, "%.2f ns", "");
        atMost(md, "javac compiling Commons Lang, javac's classes timed (issue 15): peak RSS ≤ 1.5× plain",
                javacRss, 1.5, "%.2f×", "");
        atMost(md, "javac: dump ≤ 20 MB", javacDumpBytes / 1e6, 20, "%.1f MB", "");
        atMost(md, "javac: wall time ≤ 2× plain (default mode)", javacTime, 2.0, "%.1f×", "");
        return md.append('\n').toString();
    }

    private static double ratio(double a, double b) {
        return a / b;
    }

    private static void atMost(StringBuilder md, String goal, double value, double limit, String format, String note) {
        if (Double.isNaN(value)) {
            md.append("| ").append(goal).append(" | not measured in this run | |\n");
            return;
        }
        md.append("| ").append(goal).append(" | ").append(String.format(Locale.ROOT, format, value)).append(note)
                .append(" | ").append(value <= limit ? "met" : "**missed**").append(" |\n");
    }
}
