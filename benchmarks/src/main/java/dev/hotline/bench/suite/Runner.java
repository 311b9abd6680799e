package dev.hotline.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs workloads under a {@link Setup}, printing one progress line per run on stderr. After every
 * run with hotline it reads the dump's session facts: how long start-up waited for the probe-cost
 * calibration, and whether (and when) its figures settled; the agent subtracts and decides by its
 * figures from the first phase on, but until they settle they are less sure, so a run whose
 * calibration never settled is listed ({@link #calibrationMarkdown}).
 */
final class Runner {

    /** One hotline run's calibration ({@code setup}: "section: setup name"): the first phase (what start-up waited), and when it settled (-1: never). */
    record Calibration(String setup, double firstPhaseMillis, double settledMillis) {
    }

    private final Peers peers;
    private final long suiteStart = System.nanoTime();
    final List<Calibration> calibrations = new ArrayList<>();
    /** Section → the 1-minute load average before each of its runs (other work on a shared machine). */
    private final Map<String, List<Double>> loads = new LinkedHashMap<>();

    Runner(Peers peers) {
        this.peers = peers;
    }

    ChildJvm.Run run(String section, Setup setup, String mainClass, String... args)
            throws IOException, InterruptedException {
        return runOn(peers.classPath(), section, setup, mainClass, args);
    }

    /** As {@link #run}, with {@code classPath} instead of the suite's own. */
    ChildJvm.Run runOn(String classPath, String section, Setup setup, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> jvmArgs = new ArrayList<>(setup.jvmArgs());
        jvmArgs.add("-cp");
        jvmArgs.add(classPath);
        List<String> main = new ArrayList<>();
        if (setup.wrapper() != null) {
            main.add(setup.wrapper());
        }
        main.add(mainClass);
        main.addAll(List.of(args));
        loads.computeIfAbsent(section, k -> new ArrayList<>()).add(loadAverage());
        boolean hotline = setup.jvmArgs().stream().anyMatch(a -> a.startsWith("-javaagent:" + peers.hotlineAgent));
        if (hotline) {
            Files.deleteIfExists(peers.dump());
        }
        ChildJvm.Run run = ChildJvm.run(setup.java(), jvmArgs, main, setup.env(), peers.work);
        String calibration = "";
        if (hotline) {
            Map<String, String> facts = DumpSession.read(peers.dump());
            Calibration c = new Calibration(section + ": " + setup.name(), number(facts.get("calibration.millis")),
                    number(facts.get("calibration.settledMillis")));
            calibrations.add(c);
            calibration = String.format(Locale.ROOT, "  (calibration %.0f ms, %s)", c.firstPhaseMillis(),
                    c.settledMillis() >= 0 ? String.format(Locale.ROOT, "settled at %.0f ms", c.settledMillis())
                            : "never settled");
        }
        progress(section, setup.name() + " " + String.join(" ", args),
                String.format(Locale.ROOT, "%.1f s", run.wallNanos() / 1e9) + calibration);
        return run;
    }

    /** The 1-minute load average (/proc/loadavg), NaN where there is none. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The load average before the runs of each section: how much else the machine ran meanwhile. */
    String loadMarkdown() {
        StringBuilder md = new StringBuilder("The 1-minute load average (`/proc/loadavg`) just before each run, per "
                + "section: how busy the machine was. The suite's own workloads keep about one core busy (the "
                + "parallel demo, the JIT and the server with its load generator more), and the average lags by about "
                + "a minute, so a busy section raises the next one's first figures; the rest is other work on this "
                + "shared machine.\n\n| section | runs | median | min–max |\n|---|---|---|---|\n");
        loads.forEach((section, l) -> md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f–%.2f |%n",
                section, l.size(), Stats.median(l), Stats.min(l), Stats.max(l))));
        return md.toString();
    }

    private static double number(String value) {
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    void progress(String section, String what, String result) {
        long elapsed = (System.nanoTime() - suiteStart) / 1_000_000_000L;
        System.err.printf("[%2d:%02d] %-8s %-60s %s%n", elapsed / 60, elapsed % 60, section, what, result);
    }

    /** What start-up waited for the calibration in every hotline run, and in how many it settled. */
    String calibrationMarkdown() {
        if (calibrations.isEmpty()) {
            return "";
        }
        // a run that times nothing (line hits only) has no calibration: its first phase took 0 ms
        List<Calibration> calibrated = calibrations.stream().filter(c -> c.firstPhaseMillis() > 0).toList();
        int uncalibrated = calibrations.size() - calibrated.size();
        List<Double> first = calibrated.stream().map(Calibration::firstPhaseMillis).toList();
        List<Double> settled = calibrated.stream().map(Calibration::settledMillis).filter(s -> s >= 0).toList();
        Map<String, Integer> never = new LinkedHashMap<>();
        for (Calibration c : calibrated) {
            if (!(c.settledMillis() >= 0)) {
                never.merge(c.setup(), 1, Integer::sum);
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Every run with hotline in this suite "
                + "(%d), from its dump's session facts", calibrations.size()));
        if (uncalibrated > 0) {
            md.append(String.format(Locale.ROOT, " (%d of them time nothing, line hits only, and calibrate nothing)",
                    uncalibrated));
        }
        if (first.isEmpty()) {
            return md.append(".\n").toString();
        }
        md.append(String.format(Locale.ROOT, ": start-up waited %.0f ms (median; %.0f–%.0f) for the "
                + "probe-cost calibration's first phase (`calibration.millis`); its figures were subtracted, and "
                + "adaptive timing decided by them, from then on; they settled in %d of the %d runs that "
                + "calibrate", Stats.median(first), Stats.min(first), Stats.max(first), settled.size(), calibrated.size()));
        if (!settled.isEmpty()) {
            md.append(String.format(Locale.ROOT, ", %.0f ms after the start (median; %.0f–%.0f; "
                    + "`calibration.settledMillis`)", Stats.median(settled), Stats.min(settled), Stats.max(settled)));
        }
        md.append('.');
        if (!never.isEmpty()) {
            List<String> parts = new ArrayList<>();
            never.forEach((setup, n) -> parts.add(String.format(Locale.ROOT, "%s (%d)", setup, n)));
            md.append(" Runs whose calibration never settled (the figures subtracted were its latest): ")
                    .append(String.join("; ", parts)).append('.');
        }
        return md.append('\n').toString();
    }
}
