package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What counting one allocation costs: a loop allocating one small object per iteration, hotline
 * timing only the loop's method against hotline also counting its allocation site (the difference
 * is the allocation probe alone), and google's allocation-instrumenter with a counting sampler.
 */
final class AllocationSection {

    private static final String MAIN = "dev.hotline.bench.AllocBench";
    private static final int ALLOCATIONS = 10_000_000;

    private final Peers peers;
    private final Runner runner;
    private final int jvms;
    double hotlinePerAllocation = Double.NaN;

    AllocationSection(Peers peers, Runner runner, int jvms) {
        this.peers = peers;
        this.runner = runner;
        this.jvms = jvms;
    }

    String measureAndReport() throws IOException, InterruptedException {
        String loop = "dev.hotline.bench.moo.AllocationLoop";
        List<Setup> setups = List.of(
                peers.none(peers.java17),
                peers.hotline("hotline, loop method timed", peers.java17, "includes=" + loop),
                peers.hotline("hotline, loop method timed + its allocations counted", peers.java17,
                        "includes=" + loop + ",alloc=" + loop),
                peers.allocationInstrumenter());
        List<List<Double>> ns = new ArrayList<>();
        setups.forEach(s -> ns.add(new ArrayList<>()));
        for (int jvm = 0; jvm < jvms; jvm++) {
            for (int i = 0; i < setups.size(); i++) {
                ns.get(i).add(runner.run("alloc", setups.get(i), MAIN, "--allocations", "" + ALLOCATIONS)
                        .value("ns_per_allocation"));
            }
        }
        double none = Stats.median(ns.get(0));
        double timed = Stats.median(ns.get(1));
        hotlinePerAllocation = Stats.median(ns.get(2)) - timed;
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d allocations per round, mean of rounds 6–10, median of %d JVMs, "
                + "JDK 17.%n%n", ALLOCATIONS, jvms));
        md.append("| configuration | ns per loop iteration | **ns added per allocation** |\n|---|---|---|\n");
        for (int i = 0; i < setups.size(); i++) {
            double v = Stats.median(ns.get(i));
            String added = switch (i) {
                case 0 -> "—";
                case 1 -> String.format(Locale.ROOT, "%.2f (no allocation probe: the baseline for the next row)",
                        v - none);
                case 2 -> String.format(Locale.ROOT, "**%.2f** (against the row above)", hotlinePerAllocation);
                default -> String.format(Locale.ROOT, "**%.2f**", v - none);
            };
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %s |%n", setups.get(i).name(), v, added));
        }
        return md.toString();
    }
}
