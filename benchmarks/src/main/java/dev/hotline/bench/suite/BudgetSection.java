package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code budget=} buys: the boxed Julia demo at its default width (1000: 169 million calls of
 * {@code Complex} methods of a few ns each, the worst case for a per-call timer) in the default mode,
 * every call counted, with the budget at 2, 5 (the default) and 10 %, against the plain run. Runs go
 * round-robin; median of several.
 */
final class BudgetSection {

    private static final String MAIN = "dev.hotline.demo.JuliaSet";
    static final int[] BUDGETS = {2, 5, 10};

    private final Peers peers;
    private final Runner runner;
    private final int runs;
    private final int width;
    private final List<Setup> setups = new ArrayList<>();
    private final List<List<Double>> seconds = new ArrayList<>();

    BudgetSection(Peers peers, Runner runner, int runs, int width) {
        this.peers = peers;
        this.runner = runner;
        this.runs = runs;
        this.width = width;
        setups.add(new Setup("plain", peers.java17, List.of()));
        for (int budget : BUDGETS) {
            setups.add(peers.hotline("hotline default mode, budget=" + budget + (budget == 5 ? " (the default)" : ""),
                    peers.java17, "includes=dev.hotline.demo.*" + (budget == 5 ? "" : ",budget=" + budget)));
        }
    }

    void measure() throws IOException, InterruptedException {
        setups.forEach(s -> seconds.add(new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < setups.size(); i++) {
                seconds.get(i).add(runner.run("budget", setups.get(i), MAIN, "--impl", "boxed", "--width", "" + width)
                        .tookSeconds());
            }
        }
    }

    /** The run time with {@code budget} against plain (median over median). */
    double ratio(int budget) {
        for (int b = 0; b < BUDGETS.length; b++) {
            if (BUDGETS[b] == budget) {
                return Stats.median(seconds.get(b + 1)) / Stats.median(seconds.get(0));
            }
        }
        throw new IllegalArgumentException("no budget " + budget);
    }

    String markdown() {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "The boxed Julia demo at width %d, JDK 17, "
                + "`includes=dev.hotline.demo.*` in the default mode (adaptive timing; every call counted) with "
                + "`budget=` 2, 5 and 10; the demo's own \"took\" time, median of %d runs (min–max), ratio to the "
                + "plain run.%n%n", width, runs));
        md.append("| configuration | took (median; min–max) | × plain |\n|---|---|---|\n");
        for (int i = 0; i < setups.size(); i++) {
            List<Double> s = seconds.get(i);
            md.append(String.format(Locale.ROOT, "| %s | %.2f s (%.2f–%.2f) | %s |%n", setups.get(i).name(),
                    Stats.median(s), Stats.min(s), Stats.max(s), i == 0 ? "—"
                            : String.format(Locale.ROOT, "**%.2f×**", Stats.median(s) / Stats.median(seconds.get(0)))));
        }
        return md.toString();
    }
}
