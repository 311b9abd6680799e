package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled Julia demo under each tool: the demo's own computation time (JVM start-up excluded),
 * median of several runs, as a ratio to the plain run of the same implementation. Runs go
 * round-robin over the configurations.
 */
final class JuliaSection {

    private static final String MAIN = "dev.hotline.demo.JuliaSet";
    static final String[] IMPLEMENTATIONS = {"boxed", "primitive", "parallel"};
    /** Line hit counting alone: what the line goal is about. */
    static final String LINE_HITS_ONLY = "hotline line hits only (linehits=, no timers)";
    /** Timed lines with method timers in the default mode: the other line goal. */
    static final String LINES_DEFAULT = "hotline methods + lines (default)";

    private final Peers peers;
    private final Runner runner;
    private final int runs;
    /** Points per side per implementation: primitive runs ~5× faster per point, so it gets more. */
    private final Map<String, Integer> widths;
    private final List<Setup> setups = new ArrayList<>();
    /** implementation → setup name → seconds per run. */
    final Map<String, Map<String, List<Double>>> seconds = new LinkedHashMap<>();

    JuliaSection(Peers peers, Runner runner, int runs, Map<String, Integer> widths) {
        this.peers = peers;
        this.runner = runner;
        this.runs = runs;
        this.widths = widths;
        String demo = "dev.hotline.demo.*";
        String exact = ",timing=exact";
        setups.add(new Setup("plain", peers.java17, List.of()));
        setups.add(peers.hotline("hotline methods (default)", peers.java17, "includes=" + demo));
        setups.add(peers.hotline("hotline methods, timing=exact", peers.java17, "includes=" + demo + exact));
        setups.add(peers.hotline(LINES_DEFAULT, peers.java17, "includes=" + demo + ",lines=" + demo));
        setups.add(peers.hotline("hotline methods + lines, timing=exact", peers.java17,
                "includes=" + demo + ",lines=" + demo + exact));
        setups.add(peers.hotline(LINE_HITS_ONLY, peers.java17, "includes=,linehits=" + demo));
        setups.add(peers.hotline("hotline methods + line hits (default)", peers.java17,
                "includes=" + demo + ",linehits=" + demo));
        setups.add(peers.hotline("hotline methods + line hits, timing=exact", peers.java17,
                "includes=" + demo + ",linehits=" + demo + exact));
        setups.add(peers.hotline("hotline methods + alloc (default)", peers.java17, "includes=" + demo + ",alloc=" + demo));
        setups.add(peers.hotline("hotline all: methods, lines, alloc (default)", peers.java17,
                "includes=" + demo + ",lines=" + demo + ",alloc=" + demo));
        setups.add(peers.hotline("hotline all, timing=exact", peers.java17,
                "includes=" + demo + ",lines=" + demo + ",alloc=" + demo + exact));
        setups.add(peers.jacoco(demo));
        setups.add(peers.allocationInstrumenter());
        setups.add(peers.jfrProfile(peers.java17));
        setups.add(peers.asyncProfiler());
    }

    void measure() throws IOException, InterruptedException {
        for (String impl : IMPLEMENTATIONS) {
            Map<String, List<Double>> bySetup = new LinkedHashMap<>();
            seconds.put(impl, bySetup);
            for (int run = 0; run < runs; run++) {
                for (Setup setup : setups) {
                    double took = runner.run("julia", setup, MAIN, "--impl", impl, "--width", "" + widths.get(impl)).tookSeconds();
                    bySetup.computeIfAbsent(setup.name(), k -> new ArrayList<>()).add(took);
                }
            }
        }
    }

    /** The line goal's measurement: its ratio, the pairs' ratios, and the medians it came from. */
    record LineGoal(double ratio, List<Double> pairRatios, double plainSeconds, double hitsSeconds) {
    }

    /**
     * The line-hit goal, measured on its own because single short runs on a shared machine vary by
     * ±30%: the primitive demo at its default width, plain and with line hits only, in {@code pairs}
     * interleaved pairs of fresh JVMs; the ratio of the medians, and each pair's ratio. (The timed-line
     * goal is far from its bound either way, and a timed-line run of the default width takes ~20 s: it
     * is read from the table.)
     */
    LineGoal lineGoal(int pairs) throws IOException, InterruptedException {
        Setup plain = setups.get(0);
        Setup hits = setups.stream().filter(s -> s.name().equals(LINE_HITS_ONLY)).findFirst().orElseThrow();
        List<Double> plainTimes = new ArrayList<>();
        List<Double> hitTimes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double p = runner.run("goal", plain, MAIN, "--impl", "primitive").tookSeconds();
            double h = runner.run("goal", hits, MAIN, "--impl", "primitive").tookSeconds();
            plainTimes.add(p);
            hitTimes.add(h);
            ratios.add(h / p);
        }
        return new LineGoal(Stats.median(hitTimes) / Stats.median(plainTimes), ratios, Stats.median(plainTimes),
                Stats.median(hitTimes));
    }

    static String lineGoalMarkdown(LineGoal goal) {
        return String.format(Locale.ROOT, "### The line-hit goal, measured on its own%n%nThe primitive demo at its "
                + "default width (1000), plain and with `includes=,linehits=dev.hotline.demo.*`, %d interleaved pairs "
                + "of fresh JVMs: median %.3f s plain, %.3f s with line hits, **%.2f×**; the pairs' own ratios ranged "
                + "from %.2f× to %.2f× (median %.2f×).%n", goal.pairRatios().size(), goal.plainSeconds(),
                goal.hitsSeconds(), goal.ratio(), Stats.min(goal.pairRatios()), Stats.max(goal.pairRatios()),
                Stats.median(goal.pairRatios()));
    }

    double ratio(String impl, String setup) {
        Map<String, List<Double>> bySetup = seconds.get(impl);
        return Stats.median(bySetup.get(setup)) / Stats.median(bySetup.get("plain"));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Widths %s, JDK 17; the demo's own \"took\" time (JVM start-up excluded), "
                + "median of %d runs; ratio to the plain run of the same implementation.%n%n", widths, runs));
        md.append("| configuration |");
        for (String impl : IMPLEMENTATIONS) {
            md.append(' ').append(impl).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(IMPLEMENTATIONS.length)).append('\n');
        for (Setup setup : setups) {
            md.append("| ").append(setup.name()).append(" |");
            for (String impl : IMPLEMENTATIONS) {
                double s = Stats.median(seconds.get(impl).get(setup.name()));
                if (setup.name().equals("plain")) {
                    md.append(String.format(Locale.ROOT, " %.3f s |", s));
                } else {
                    md.append(String.format(Locale.ROOT, " **%.2f×** (%.2f s) |", ratio(impl, setup.name()), s));
                }
            }
            md.append('\n');
        }
        return md.toString();
    }
}
