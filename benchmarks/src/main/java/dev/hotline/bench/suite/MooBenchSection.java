package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Probe cost the MooBench way: 2,000,000 outer calls of a method recursing 10 deep with no work,
 * mean of the second half per JVM, several fresh JVMs per configuration run round-robin (so drift
 * on a shared machine hits every configuration alike); ns per probe = (configuration − no agent) /
 * depth, against the no-agent run on the same JDK. Also the depth scaling.
 */
final class MooBenchSection {

    static final String MONITORED = "dev.hotline.bench.moo.MonitoredClass";
    private static final String MAIN = "dev.hotline.bench.MooBench";
    private static final int DEPTH = 10;
    /**
     * What every MooBench run waits before its first call, whatever the configuration: hotline's
     * calibration settles some hundreds of ms after the start (until then it times every call and
     * subtracts nothing), and these tables are of its steady state; the start-up table has the rest.
     */
    static final String DELAY_MS = "1000";

    static final String FLOOR = "hand-written floor: 2 × nanoTime + HdrHistogram";
    static final String DEFAULT = "hotline (default, adaptive)";
    static final String EXACT = "hotline timing=exact";
    static final String JFR = "JFR jdk.MethodTiming (JDK 25)";

    /** One configuration's result: mean ns per outer call in each JVM. */
    record Row(Setup setup, boolean floor, List<Double> means) {
        double median() {
            return Stats.median(means);
        }
    }

    private final Peers peers;
    private final Runner runner;
    private final int jvms;
    private final int calls;
    final List<Row> rows = new ArrayList<>();
    /** Rows measured on JDK 25 (ns per probe is against JDK 25's no-agent row). */
    final List<Row> rows25 = new ArrayList<>();

    MooBenchSection(Peers peers, Runner runner, int jvms, int calls) {
        this.peers = peers;
        this.runner = runner;
        this.jvms = jvms;
        this.calls = calls;
    }

    void measure() throws IOException, InterruptedException {
        String hotlineClass = "includes=dev.hotline.bench.moo.*";
        String exact = ",timing=exact";
        String probesOn = hotlineClass + ",lines=dev.hotline.bench.moo.*,alloc=dev.hotline.bench.moo.*";
        rows.add(new Row(peers.none(peers.java17), false, new ArrayList<>()));
        rows.add(new Row(new Setup(FLOOR, peers.java17, List.of()), true, new ArrayList<>()));
        rows.add(new Row(peers.hotline(DEFAULT, peers.java17, hotlineClass), false, new ArrayList<>()));
        rows.add(new Row(peers.hotline(EXACT, peers.java17, hotlineClass + exact), false, new ArrayList<>()));
        rows.add(new Row(peers.hotline("hotline (default) + line + allocation probes", peers.java17, probesOn), false,
                new ArrayList<>()));
        rows.add(new Row(peers.hotline("hotline timing=exact + line + allocation probes", peers.java17,
                probesOn + exact), false, new ArrayList<>()));
        rows.add(new Row(peers.hotline("hotline line hits only (no timer)", peers.java17,
                "includes=,linehits=dev.hotline.bench.moo.*"), false, new ArrayList<>()));
        rows.add(new Row(peers.jacoco("dev.hotline.bench.moo.*"), false, new ArrayList<>()));
        rows.add(new Row(peers.kieker("dev.hotline.bench.moo.*"), false, new ArrayList<>()));
        String otelMethods = MONITORED + "[monitoredMethod]";
        rows.add(new Row(peers.openTelemetry("OpenTelemetry 2.33.1, sampler off", "always_off", otelMethods), false,
                new ArrayList<>()));
        rows.add(new Row(peers.openTelemetry("OpenTelemetry 2.33.1, sampler on, exporter none", "always_on",
                otelMethods), false, new ArrayList<>()));
        if (peers.java25 != null) {
            rows25.add(new Row(peers.none(peers.java25), false, new ArrayList<>()));
            rows25.add(new Row(peers.hotline(DEFAULT, peers.java25, hotlineClass), false, new ArrayList<>()));
            rows25.add(new Row(peers.hotline(EXACT, peers.java25, hotlineClass + exact), false, new ArrayList<>()));
            rows25.add(new Row(peers.jfrMethodTiming(MONITORED + "::monitoredMethod"), false, new ArrayList<>()));
        }
        List<Row> all = new ArrayList<>(rows);
        all.addAll(rows25);
        for (int jvm = 0; jvm < jvms; jvm++) {
            for (Row row : all) {
                String[] args = row.floor
                        ? new String[] {"--calls", "" + calls, "--depth", "" + DEPTH, "--delay", DELAY_MS, "--floor"}
                        : new String[] {"--calls", "" + calls, "--depth", "" + DEPTH, "--delay", DELAY_MS};
                row.means.add(runner.run("moobench", row.setup, MAIN, args).value("mean_ns"));
            }
        }
    }

    /** The JDK 17 row named {@code name}. */
    Row row(String name) {
        return rows.stream().filter(r -> r.setup.name().equals(name)).findFirst().orElseThrow();
    }

    /** The JDK 25 row named {@code name}, or null (no JDK 25). */
    Row row25(String name) {
        return rows25.stream().filter(r -> r.setup.name().equals(name)).findFirst().orElse(null);
    }

    /** ns added per probe on JDK 17 by the row named {@code name}. */
    double perProbe(String name) {
        return perProbe(row(name), rows.get(0));
    }

    /** ns added per probe on JDK 25 by the row named {@code name}; NaN without JDK 25. */
    double perProbe25(String name) {
        Row r = row25(name);
        return r == null ? Double.NaN : perProbe(r, rows25.get(0));
    }

    /** ns added per probe (per instrumented call) by the rows of one JDK. */
    static double perProbe(Row row, Row none) {
        return (row.median() - none.median()) / DEPTH;
    }

    /** The labelled probe costs, for the chart. */
    Map<String, Double> probeCosts() {
        Map<String, Double> costs = new LinkedHashMap<>();
        for (Row r : rows.subList(1, rows.size())) {
            costs.put(r.setup.name() + " (JDK 17)", perProbe(r, rows.get(0)));
        }
        for (Row r : rows25.isEmpty() ? List.<Row>of() : rows25.subList(1, rows25.size())) {
            costs.put(r.setup.name().replace(" (JDK 25)", "") + " (JDK 25)", perProbe(r, rows25.get(0)));
        }
        return costs;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d outer calls × depth %d after a %s ms wait (every configuration; "
                + "hotline's calibration settles meanwhile), mean of the second half per JVM, median of %d fresh JVMs "
                + "per configuration (run round-robin).%n%n", calls, DEPTH, DELAY_MS, jvms));
        md.append("| configuration | JDK | ns per outer call (median; min–max over JVMs) | **ns added per probe** | × hand-written floor |\n");
        md.append("|---|---|---|---|---|\n");
        double floor = perProbe(rows.get(1), rows.get(0));
        table(md, rows, "17", floor);
        table(md, rows25, "25", floor);
        md.append(String.format(Locale.ROOT, "%nPer call, against the hand-written floor (JDK 17): `timing=exact` "
                + "%.2f×, the default mode %.2f×; as run times (ns per outer call) %.2f× and %.2f×.",
                perProbe(EXACT) / floor, perProbe(DEFAULT) / floor, row(EXACT).median() / rows.get(1).median(),
                row(DEFAULT).median() / rows.get(1).median()));
        if (!rows25.isEmpty()) {
            double jfr = perProbe25(JFR);
            md.append(String.format(Locale.ROOT, " Against JFR's `jdk.MethodTiming` (JDK 25), per call: "
                    + "`timing=exact` %.2f×, the default mode %.2f×; as run times %.2f× and %.2f×.",
                    perProbe25(EXACT) / jfr, perProbe25(DEFAULT) / jfr, row25(EXACT).median() / row25(JFR).median(),
                    row25(DEFAULT).median() / row25(JFR).median()));
        }
        return md.append('\n').toString();
    }

    private static void table(StringBuilder md, List<Row> rows, String jdk, double floor) {
        if (rows.isEmpty()) {
            return;
        }
        Row none = rows.get(0);
        for (Row r : rows) {
            boolean base = r == none;
            double probe = perProbe(r, none);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f (%.0f–%.0f) | %s | %s |%n", r.setup.name(), jdk,
                    r.median(), Stats.min(r.means), Stats.max(r.means), base ? "—" : String.format(Locale.ROOT,
                            "**%.1f**", probe), base ? "—" : String.format(Locale.ROOT, "%.2f×", probe / floor)));
        }
    }

    /**
     * Probe cost against recursion depth, hotline in its default mode and with {@code timing=exact}:
     * it must grow linearly (a constant cost per call).
     */
    String scaling(int[] depths, int scalingJvms, int scalingCalls) throws IOException, InterruptedException {
        String includes = "includes=dev.hotline.bench.moo.*";
        Setup none = peers.none(peers.java17);
        Setup[] hotline = {peers.hotline(DEFAULT, peers.java17, includes),
            peers.hotline(EXACT, peers.java17, includes + ",timing=exact")};
        double[] x = new double[depths.length];
        double[][] added = new double[hotline.length][depths.length];
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d outer calls per JVM after a %s ms wait, median of %d JVMs per cell, "
                + "JDK 17.%n%n", scalingCalls, DELAY_MS, scalingJvms));
        md.append("| depth | no agent, ns per outer call | default: ns per outer call | added per probe "
                + "| timing=exact: ns per outer call | added per probe |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < depths.length; i++) {
            List<Double> base = new ArrayList<>();
            List<List<Double>> timed = List.of(new ArrayList<>(), new ArrayList<>());
            String[] args = {"--calls", "" + scalingCalls, "--depth", "" + depths[i], "--delay", DELAY_MS};
            for (int jvm = 0; jvm < scalingJvms; jvm++) {
                base.add(runner.run("scaling", none, MAIN, args).value("mean_ns"));
                for (int h = 0; h < hotline.length; h++) {
                    timed.get(h).add(runner.run("scaling", hotline[h], MAIN, args).value("mean_ns"));
                }
            }
            x[i] = depths[i];
            md.append(String.format(Locale.ROOT, "| %d | %.0f |", depths[i], Stats.median(base)));
            for (int h = 0; h < hotline.length; h++) {
                added[h][i] = Stats.median(timed.get(h)) - Stats.median(base);
                md.append(String.format(Locale.ROOT, " %.0f | %.1f |", Stats.median(timed.get(h)),
                        added[h][i] / depths[i]));
            }
            md.append('\n');
        }
        md.append('\n');
        String[] labels = {"Default mode", "`timing=exact`"};
        for (int h = 0; h < hotline.length; h++) {
            double[] fit = Stats.linearFit(x, added[h]);
            md.append(String.format(Locale.ROOT, "%s: least-squares line through the added cost **%.1f ns per "
                    + "level** (intercept %.0f ns), r² = %.4f.%n", labels[h], fit[0], fit[1], fit[2]));
        }
        return md.toString();
    }
}
