package dev.hotline.bench.suite;

import java.util.Locale;

/** The goals, held against this run's numbers (numbers, not tests). */
final class Goals {

    double timedCall = Double.NaN;
    double floor = Double.NaN;
    double primitiveLines = Double.NaN;
    double primitiveLineHits = Double.NaN;
    double perAllocation = Double.NaN;

    String markdown() {
        StringBuilder md = new StringBuilder("## Goals against this run\n\n| goal | this run | |\n|---|---|---|\n");
        row(md, "timed call adds ≤ 50 ns (MooBench, JDK 17)", timedCall, 50, "%.1f ns",
                Double.isNaN(floor) ? "" : String.format(Locale.ROOT, " (the hand-written floor: %.1f ns)", floor));
        row(md, "line hit counting on the primitive Julia demo ≤ 1.10× plain (`includes=,linehits=`; 9 pairs, below)",
                primitiveLineHits,
                1.10, "%.2f×", Double.isNaN(primitiveLines) ? "" : String.format(Locale.ROOT,
                        " (timed lines with method timers, `lines=`: %.2f×)", primitiveLines));
        row(md, "allocation counting ≤ 5 ns per allocation", perAllocation, 5, "%.2f ns", "");
        return md.append('\n').toString();
    }

    private static void row(StringBuilder md, String goal, double value, double limit, String format, String note) {
        if (Double.isNaN(value)) {
            md.append("| ").append(goal).append(" | not measured in this run | |\n");
            return;
        }
        md.append("| ").append(goal).append(" | ").append(String.format(Locale.ROOT, format, value)).append(note)
                .append(" | ").append(value <= limit ? "met" : "**missed**").append(" |\n");
    }
}
