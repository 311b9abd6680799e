package dev.hotline.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A recursive real program: {@code javac} (the JDK's own) compiling Commons Lang's sources, with and
 * without hotline timing javac's own classes ({@code includes=com.sun.tools.javac.*}: they are
 * defined by the application class loader, so the agent instruments them). Its visitors and
 * recursive-descent parser made 10.75 million distinct call paths before recursion was folded.
 * Wall time and peak resident memory (VmHWM, polled) per run, the dump's size and its call tree
 * from the session facts; and whether the class files written are byte-identical.
 */
final class JavacSection {

    private static final String JAVAC = "com.sun.tools.javac.Main";

    private final Peers peers;
    private final Runner runner;
    private final int runs;

    /** Results for the goal table: time and peak RSS against plain, the dump's bytes. */
    double timeRatio = Double.NaN;
    double rssRatio = Double.NaN;
    double dumpBytes = Double.NaN;

    JavacSection(Peers peers, Runner runner, int runs) {
        this.peers = peers;
        this.runner = runner;
        this.runs = runs;
    }

    String measureAndReport() throws IOException, InterruptedException {
        Path sources = peers.lang3Sources();
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        Path argFile = peers.work.resolve("javac-files.txt");
        Files.createDirectories(peers.work);
        Files.write(argFile, files);
        Setup plain = peers.none(peers.java17);
        Setup hotline = peers.hotline("hotline, default mode (javac's classes timed)", peers.java17,
                "includes=com.sun.tools.javac.*");
        List<Double> plainSeconds = new ArrayList<>();
        List<Double> plainRss = new ArrayList<>();
        List<Double> agentSeconds = new ArrayList<>();
        List<Double> agentRss = new ArrayList<>();
        Map<String, String> facts = Map.of();
        boolean identical = true;
        for (int run = 0; run < runs; run++) { // interleaved, so both see the same machine
            ChildJvm.Run a = runner.runOn(peers.work.toString(), "javac", plain, JAVAC, compile(argFile, "plain"));
            plainSeconds.add(a.wallNanos() / 1e9);
            plainRss.add(a.peakRssKb() / 1024.0);
            ChildJvm.Run b = runner.runOn(peers.work.toString(), "javac", hotline, JAVAC, compile(argFile, "hotline"));
            agentSeconds.add(b.wallNanos() / 1e9);
            agentRss.add(b.peakRssKb() / 1024.0);
            dumpBytes = Files.size(peers.dump());
            facts = DumpSession.read(peers.dump());
            identical &= sameTree(peers.work.resolve("javac-plain"), peers.work.resolve("javac-hotline"));
        }
        timeRatio = Stats.median(agentSeconds) / Stats.median(plainSeconds);
        rssRatio = Stats.median(agentRss) / Stats.median(plainRss);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`javac` (JDK 17) compiling Commons Lang 3.17.0's %d source files, "
                + "median of %d interleaved pairs; peak RSS is VmHWM, polled every 50 ms.%n%n", files.size(), runs));
        md.append("| configuration | wall | peak RSS | dump | call-tree nodes | recursive calls folded | calls in (other paths) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| no agent | %.1f s | %.0f MiB | — | — | — | — |%n",
                Stats.median(plainSeconds), Stats.median(plainRss)));
        md.append(String.format(Locale.ROOT, "| %s | %.1f s (%.1f×) | %.0f MiB (%.2f×) | %.1f MiB | %s | %s | %s |%n",
                hotline.name(), Stats.median(agentSeconds), timeRatio, Stats.median(agentRss), rssRatio,
                dumpBytes / (1 << 20), facts.getOrDefault("calltree.nodes", "?"),
                facts.getOrDefault("calltree.foldedCalls", "?"), facts.getOrDefault("calltree.otherPathCalls", "?")));
        md.append(String.format(Locale.ROOT, "%nThe class files javac wrote under the agent are %s the plain run's.%n",
                identical ? "byte-identical to" : "**not** identical to"));
        return md.toString();
    }

    private String[] compile(Path argFile, String label) throws IOException {
        Path out = peers.work.resolve("javac-" + label);
        deleteTree(out);
        Files.createDirectories(out);
        return new String[] {"-nowarn", "-XDsuppressNotes", "-d", out.toString(), "@" + argFile};
    }

    private static boolean sameTree(Path a, Path b) throws IOException {
        List<Path> left;
        try (Stream<Path> walk = Files.walk(a)) {
            left = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long right;
        try (Stream<Path> walk = Files.walk(b)) {
            right = walk.filter(Files::isRegularFile).count();
        }
        if (left.size() != right) {
            return false;
        }
        for (Path file : left) {
            Path other = b.resolve(a.relativize(file));
            if (!Files.exists(other) || !Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(other))) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
