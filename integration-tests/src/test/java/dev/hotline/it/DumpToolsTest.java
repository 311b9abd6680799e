package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** merge, diff, check, export, info and the html report on dumps of real child-JVM runs. */
class DumpToolsTest {

    private static final Jdks.Jdk JDK = Jdks.all().get(0);
    private static final String TARGETS = ChildJvm.TARGETS.toAbsolutePath().toString();

    private static Path run(String name, String app, String... args) throws Exception {
        return runWith("", name, app, args);
    }

    /** With {@code options} (each followed by a comma) before the includes. */
    private static Path runWith(String options, String name, String app, String... args) throws Exception {
        Path dump = ChildJvm.dumpPath(name);
        List<String> command = new ArrayList<>(List.of("-cp", TARGETS, app));
        command.addAll(List.of(args));
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(JDK, options + "includes=dev.hotline.it.targets.*,out=" + dump,
                command.toArray(String[]::new)), 120);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return dump;
    }

    private static ChildJvm.Result hotline(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JDK.java().toString(), "-jar", ChildJvm.AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return ChildJvm.run(command, 120);
    }

    @Test
    void merging_two_identical_runs_doubles_every_count() throws Exception {
        Path a = run("merge-a", "dev.hotline.it.targets.ExitCodeApp", "1000", "0");
        Path b = run("merge-b", "dev.hotline.it.targets.ExitCodeApp", "1000", "0");
        Path merged = ChildJvm.dumpPath("merged");

        ChildJvm.Result result = hotline("merge", a.toString(), b.toString(), "-o", merged.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Profile profile = Dumps.read(merged);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ExitCodeApp", "work").calls()).isEqualTo(2000);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ExitCodeApp", "main").calls()).isEqualTo(2);
        assertThat(profile.edges()).anySatisfy(e -> assertThat(e.calls()).isEqualTo(2000));
    }

    @Test
    void a_run_diffed_and_checked_against_itself_shows_no_regression() throws Exception {
        Path dump = run("self", "dev.hotline.it.targets.SlowApp", "0");

        ChildJvm.Result diff = hotline("diff", dump.toString(), dump.toString());
        ChildJvm.Result check = hotline("check", dump.toString(), dump.toString(), "--max-regression", "p99=10%");

        assertThat(diff.exitCode()).as(diff.stderr()).isZero();
        assertThat(diff.stdout()).contains("dev.hotline.it.targets.SlowApp.work(long, int)").doesNotContain("+ +");
        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
        assertThat(check.stdout()).startsWith("OK:");
    }

    @Test
    void check_fails_on_a_deliberately_slowed_method_and_names_it() throws Exception {
        Path baseline = run("fast", "dev.hotline.it.targets.SlowApp", "0");
        Path slowed = run("slow", "dev.hotline.it.targets.SlowApp", "2000");

        ChildJvm.Result check = hotline("check", baseline.toString(), slowed.toString(), "--max-regression", "p99=10%",
                "--method", "dev.hotline.it.targets.SlowApp#work");
        ChildJvm.Result diff = hotline("diff", baseline.toString(), slowed.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.stdout()).startsWith("FAILED: 1 regression").contains("SlowApp.work(long, int): p99");
        assertThat(diff.stdout().lines().filter(l -> l.contains("SlowApp.work")).findFirst().orElseThrow()).contains("+ +");
    }

    @Test
    void the_hlog_export_is_read_back_by_hdrhistograms_own_log_reader() throws Exception {
        // every call timed, so the histogram's count is the call count (sampled, it is its estimate)
        Path dump = runWith("timing=exact,", "export", "dev.hotline.it.targets.ExitCodeApp", "500", "0");
        Path hlog = ChildJvm.WORK.toAbsolutePath().resolve("export-" + System.nanoTime() + ".hlog");

        ChildJvm.Result result = hotline("export", dump.toString(), "--hlog", "-o", hlog.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        Set<String> tags = new HashSet<>();
        long workCalls = 0;
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            tags.add(h.getTag());
            if (h.getTag().equals("dev.hotline.it.targets.ExitCodeApp.work(I)J")) {
                workCalls = ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
        }
        assertThat(tags).contains("dev.hotline.it.targets.ExitCodeApp.main([Ljava/lang/String;)V");
        assertThat(workCalls).isEqualTo(500);
    }

    @Test
    void info_and_the_html_report_describe_a_dump() throws Exception {
        Path dump = run("info", "dev.hotline.it.targets.ExitCodeApp", "10", "0");
        Path html = ChildJvm.WORK.toAbsolutePath().resolve("report-" + System.nanoTime() + ".html");

        ChildJvm.Result info = hotline("info", dump.toString());
        ChildJvm.Result report = hotline("report", dump.toString(), "--format", "html", "-o", html.toString());

        assertThat(info.exitCode()).isZero();
        assertThat(info.stdout()).contains("java.version", "classes.instrumented", "methods with calls");
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(Files.readString(html)).contains("id=\"method-table\"", "<svg id=\"flame\"");
    }

    @Test
    void sigkill_after_a_few_intervals_leaves_a_whole_dump_with_per_interval_histograms() throws Exception {
        Path dump = ChildJvm.dumpPath("sigkill");
        Process process = new ProcessBuilder(ChildJvm.java(JDK, "includes=dev.hotline.it.targets.*,interval=200ms,out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.LoopApp"))
                .redirectErrorStream(true).redirectOutput(ChildJvm.WORK.resolve("loop.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && (!Files.exists(dump) || Dumps.read(dump).intervals().size() < 3)) {
                Thread.sleep(100);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }
        Profile profile = Dumps.read(dump);
        assertThat(profile.intervals().size()).isGreaterThanOrEqualTo(3);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.LoopApp", "tick").calls()).isPositive();
        long perInterval = profile.intervals().stream()
                .mapToLong(i -> i.histograms().getOrDefault("dev.hotline.it.targets.LoopApp.tick()J",
                        new org.HdrHistogram.Histogram(2)).getTotalCount()).sum();
        // the intervals add up to the cumulative histogram of the last flush (a snapshot of a thread
        // that is still running may read its call counter and its histogram a call apart)
        assertThat(perInterval).isEqualTo(Dumps.method(profile, "dev.hotline.it.targets.LoopApp", "tick").histogram().getTotalCount());
        try (var files = Files.list(dump.getParent())) {
            String ours = "." + dump.getFileName() + ".";
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(ours) && n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void sigterm_writes_the_dump_as_a_normal_exit_does() throws Exception {
        signalWritesTheDump(null);
    }

    @Test
    void sigint_writes_the_dump_as_a_normal_exit_does() throws Exception {
        signalWritesTheDump("INT");
    }

    /** @param signal null for SIGTERM through Process.destroy, else a name for kill -s */
    private static void signalWritesTheDump(String signal) throws Exception {
        Path dump = ChildJvm.dumpPath("signal");
        Path output = ChildJvm.WORK.resolve("sigterm-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(ChildJvm.java(JDK, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.LoopApp"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !Files.readString(output).contains("started")) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        if (signal == null) {
            process.destroy(); // SIGTERM
        } else {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start().waitFor();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(Dumps.method(Dumps.read(dump), "dev.hotline.it.targets.LoopApp", "tick").calls()).isPositive();
    }
}
