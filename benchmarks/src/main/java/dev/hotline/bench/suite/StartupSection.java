package dev.hotline.bench.suite;

import dev.hotline.bench.gen.GeneratedClasses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up: wall time from launching the JVM to the first line of main, and then to having loaded
 * and initialized 5,000 application classes (25,000 methods, each run once), with and without each
 * agent. Median of several launches.
 */
final class StartupSection {

    static final int CLASSES = 5_000;
    static final int METHODS_PER_CLASS = 5;
    private static final String MAIN = "dev.hotline.bench.StartupProbe";

    private final Peers peers;
    private final Runner runner;
    private final int runs;

    StartupSection(Peers peers, Runner runner, int runs) {
        this.peers = peers;
        this.runner = runner;
        this.runs = runs;
    }

    String measureAndReport() throws IOException, InterruptedException {
        GeneratedClasses.writeJar(peers.startupJar(), CLASSES, METHODS_PER_CLASS);
        String app = "dev.hotline.bench.gen.app.*";
        List<Setup> setups = new ArrayList<>(List.of(
                peers.none(peers.java17),
                peers.hotline("hotline, default mode (the 5,000 classes timed)", peers.java17, "includes=" + app),
                peers.hotline("hotline, default mode + lines + alloc", peers.java17,
                        "includes=" + app + ",lines=" + app + ",alloc=" + app),
                peers.jacoco(app),
                peers.kieker(app),
                peers.openTelemetry("OpenTelemetry 2.33.1 (no method list)", "always_on", null),
                peers.jfrProfile(peers.java17),
                peers.asyncProfiler(),
                peers.allocationInstrumenter()));
        if (peers.java25 != null) {
            setups.add(peers.jfrMethodTiming(app.replace("*", "") + "Gen0"));
        }
        List<List<Double>> toMain = new ArrayList<>();
        List<List<Double>> toLoaded = new ArrayList<>();
        for (int i = 0; i < setups.size(); i++) {
            toMain.add(new ArrayList<>());
            toLoaded.add(new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < setups.size(); i++) {
                ChildJvm.Run r = runner.run("startup", setups.get(i), MAIN, "" + CLASSES);
                toMain.get(i).add(r.value("main_ms") - r.startMillis());
                toLoaded.get(i).add(r.value("loaded_ms") - r.startMillis());
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d generated classes of %d methods, loaded from a jar and initialized "
                + "(each static initializer runs its methods once); wall time from process launch, median of %d "
                + "launches, JDK 17 unless marked.%n%n", CLASSES, METHODS_PER_CLASS, runs));
        md.append("| configuration | to first line of main | to 5,000 classes loaded | added to load them |\n");
        md.append("|---|---|---|---|\n");
        double baseLoad = Stats.median(toLoaded.get(0)) - Stats.median(toMain.get(0));
        for (int i = 0; i < setups.size(); i++) {
            double main = Stats.median(toMain.get(i));
            double loaded = Stats.median(toLoaded.get(i));
            md.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %s |%n", setups.get(i).name(), main,
                    loaded, i == 0 ? "—" : String.format(Locale.ROOT, "%+.0f ms", loaded - main - baseLoad)));
        }
        return md.toString();
    }
}
