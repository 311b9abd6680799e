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
        setups.add(new Setup("plain", peers.java17, List.of()));
        setups.add(peers.hotline("hotline methods", peers.java17, "includes=" + demo));
        setups.add(peers.hotline("hotline methods + lines", peers.java17, "includes=" + demo + ",lines=" + demo));
        setups.add(peers.hotline(LINE_HITS_ONLY, peers.java17, "includes=,linehits=" + demo));
        setups.add(peers.hotline("hotline methods + line hits", peers.java17, "includes=" + demo + ",linehits=" + demo));
        setups.add(peers.hotline("hotline methods + alloc", peers.java17, "includes=" + demo + ",alloc=" + demo));
        setups.add(peers.hotline("hotline all (methods, lines, alloc)", peers.java17,
                "includes=" + demo + ",lines=" + demo + ",alloc=" + demo));
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
