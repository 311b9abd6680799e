package dev.hotline.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs every benchmark section and writes the tables into docs/BENCHMARKS.md, between its generated
 * markers (the hand-written reading around them is kept), and the probe-cost plot next to it.
 * Started by {@code benchmarks/run}, which builds everything and fetches the peers first.
 *
 * <pre>benchmarks/run [--quick] [--only moo,alloc,julia,budget,server,accuracy,javac,scaling,heap,startup] [--runs N]</pre>
 *
 * {@code --quick} runs every section small (a smoke test, about 5 minutes) and writes to
 * benchmarks/target/ instead of docs/.
 */
public final class BenchmarkSuite {

    static final String BEGIN = "<!-- benchmarks/run writes from here -->";
    static final String END = "<!-- benchmarks/run writes to here -->";
    private static final List<String> SECTIONS = List.of("moo", "alloc", "julia", "budget", "server", "accuracy",
            "javac", "scaling", "heap", "startup");

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        boolean quick = false;
        Set<String> only = new HashSet<>(SECTIONS);
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--only" -> only = new HashSet<>(Arrays.asList(args[++i].split(",")));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: benchmarks/run [--quick] [--only " + String.join(",", SECTIONS)
                            + "] [--runs N]\n  Measures hotline's overhead side by side with its peers and writes "
                            + "docs/BENCHMARKS.md\n  (--quick: small runs, written to benchmarks/target/BENCHMARKS-quick.md;"
                            + "\n  --only: those sections, written to benchmarks/target/BENCHMARKS-only.md).");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        root = root.toAbsolutePath().normalize();
        Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        Peers peers = new Peers(root, java17, findJdk25());
        Runner runner = new Runner(peers);
        int jvms = quick ? 1 : runs;
        long started = System.nanoTime();

        StringBuilder md = new StringBuilder();
        md.append(Machine.describe(peers, runner)).append('\n');
        Goals goals = new Goals();
        if (only.contains("moo")) {
            MooBenchSection moo = new MooBenchSection(peers, runner, jvms, quick ? 200_000 : 2_000_000);
            moo.measure();
            md.append("## 1. Probe cost (MooBench method)\n\n").append(moo.markdown()).append('\n');
            Path png = quick ? root.resolve("benchmarks/target/benchmarks-probe-cost.png")
                    : root.resolve("docs/benchmarks-probe-cost.png");
            ProbeCostChart.write(moo.probeCosts(), "Probe cost, MooBench (depth 10), " + LocalDate.now(), png);
            md.append("![ns added per probe](").append(png.getFileName()).append(")\n\n");
            goals.exactPerCall = moo.perProbe(MooBenchSection.EXACT);
            goals.defaultPerCall = moo.perProbe(MooBenchSection.DEFAULT);
            goals.floorPerCall = moo.perProbe(MooBenchSection.FLOOR);
            goals.exactOverFloorRunTime = moo.row(MooBenchSection.EXACT).median()
                    / moo.row(MooBenchSection.FLOOR).median();
            if (peers.java25 != null) {
                goals.exactPerCall25 = moo.perProbe25(MooBenchSection.EXACT);
                goals.jfrPerCall25 = moo.perProbe25(MooBenchSection.JFR);
                goals.exactOverJfrRunTime = moo.row25(MooBenchSection.EXACT).median()
                        / moo.row25(MooBenchSection.JFR).median();
            }
        }
        if (only.contains("alloc")) {
            AllocationSection alloc = new AllocationSection(peers, runner, jvms);
            md.append("### Allocation probe\n\n").append(alloc.measureAndReport()).append('\n');
            goals.perAllocation = alloc.hotlinePerAllocation;
        }
        if (only.contains("julia") || only.contains("budget")) {
            md.append("## 2. Julia demo\n\n");
        }
        if (only.contains("julia")) {
            Map<String, Integer> widths = quick
                    ? new TreeMap<>(Map.of("boxed", 200, "primitive", 300, "parallel", 200))
                    : new TreeMap<>(Map.of("boxed", 400, "primitive", 800, "parallel", 400));
            JuliaSection julia = new JuliaSection(peers, runner, quick ? 1 : runs, widths);
            julia.measure();
            md.append(julia.markdown()).append('\n');
            JuliaSection.LineGoal lineGoal = julia.lineGoal(quick ? 2 : 9);
            md.append(JuliaSection.lineGoalMarkdown(lineGoal)).append('\n');
            goals.primitiveLineHits = lineGoal.ratio();
            goals.primitiveLinesDefault = julia.ratio("primitive", JuliaSection.LINES_DEFAULT);
            goals.linesDefaultWidth = widths.get("primitive");
        }
        if (only.contains("budget")) {
            BudgetSection budget = new BudgetSection(peers, runner, quick ? 1 : runs, quick ? 400 : 1000);
            budget.measure();
            md.append("### Overhead against `budget=`\n\n").append(budget.markdown()).append('\n');
            goals.boxedDefault = budget.ratio(5);
        }
        if (only.contains("server")) {
            ServerSection server = new ServerSection(peers, runner, quick ? 1 : runs, quick ? 2 : 5, quick ? 3 : 10);
            server.measure();
            md.append("## 3. A real server: embedded Jetty under load\n\n").append(server.markdown()).append('\n');
            goals.serverDefault = server.defaultRatio();
        }
        if (only.contains("accuracy")) {
            AccuracySection accuracy = new AccuracySection(peers, runner, jvms, quick ? 0.25 : 1.0);
            accuracy.measure();
            md.append("## 4. Accuracy: per-call times against the truth\n\n").append(accuracy.markdown()).append('\n');
            int[] within = accuracy.withinCount();
            goals.accuracyWithin = within[0];
            goals.accuracyAll = within[1];
            goals.accuracyMisses = accuracy.misses();
        }
        if (only.contains("javac")) {
            JavacSection javac = new JavacSection(peers, runner, quick ? 1 : Math.min(runs, 3));
            md.append("### A recursive real program: javac\n\n").append(javac.measureAndReport()).append('\n');
            goals.javacTime = javac.timeRatio;
            goals.javacRss = javac.rssRatio;
            goals.javacDumpBytes = javac.dumpBytes;
        }
        if (only.contains("scaling")) {
            MooBenchSection moo = new MooBenchSection(peers, runner, jvms, 0);
            int[] depths = quick ? new int[] {2, 8, 32} : new int[] {2, 4, 8, 16, 32};
            md.append("## 5. Scaling\n\n### Probe cost against recursion depth\n\n")
                    .append(moo.scaling(depths, quick ? 1 : 2, quick ? 100_000 : 1_000_000)).append('\n');
        }
        if (only.contains("heap")) {
            md.append("### Agent heap against instrumented methods\n\n")
                    .append(new HeapSection(peers, runner).measureAndReport(quick ? new int[] {1_000}
                            : new int[] {1_000, 10_000, 50_000})).append('\n');
        }
        if (only.contains("startup")) {
            md.append("## 6. Start-up\n\n")
                    .append(new StartupSection(peers, runner, quick ? 1 : runs).measureAndReport()).append('\n');
        }
        String calibration = runner.calibrationMarkdown();
        if (!calibration.isEmpty()) {
            md.append("### The calibration in these runs\n\n").append(calibration).append('\n');
        }
        md.append("### Machine load during this run\n\n").append(runner.loadMarkdown()).append('\n');
        md.insert(0, goals.markdown());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        md.append(String.format(Locale.ROOT, "_Measured by `benchmarks/run%s` on %s in %d min %d s._%n",
                quick ? " --quick" : "", LocalDate.now(), seconds / 60, seconds % 60));
        // a run of some sections only would replace the committed tables of all the others with
        // "not measured": it goes beside the quick runs instead
        Path out = quick ? root.resolve("benchmarks/target/BENCHMARKS-quick.md")
                : !only.containsAll(SECTIONS) ? root.resolve("benchmarks/target/BENCHMARKS-only.md")
                : root.resolve("docs/BENCHMARKS.md");
        writeBetweenMarkers(out, md.toString());
        System.err.println("wrote " + out);
    }

    /** Replaces the generated part of {@code file} (creating the file with just that if it is new). */
    static void writeBetweenMarkers(Path file, String generated) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no " + BEGIN + " ... " + END + " markers");
        }
        String updated = text.substring(0, begin + BEGIN.length()) + "\n" + generated + text.substring(end);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, updated, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** JDK 25 for JFR's jdk.MethodTiming: $JDK25_HOME, else /usr/lib/jvm/*25*; null if none. */
    private static Path findJdk25() throws IOException {
        String env = System.getenv("JDK25_HOME");
        if (env != null && Files.isExecutable(Path.of(env, "bin", "java"))) {
            return Path.of(env, "bin", "java");
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms, "*25*")) {
                dirs.forEach(found::add);
            }
            for (Path dir : found) {
                if (Files.isExecutable(dir.resolve("bin/java"))) {
                    return dir.resolve("bin/java");
                }
            }
        }
        return null;
    }
}
