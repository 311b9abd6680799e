package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line as users run it: {@code java -jar hotline-agent.jar ...}. */
class CliTest {

    private static final Jdks.Jdk JDK = Jdks.all().get(0);
    private static Path dump;

    @BeforeAll
    static void recordOneRun() throws Exception {
        dump = ChildJvm.dumpPath("cli");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(JDK, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.UncaughtApp"), 120);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    private static ChildJvm.Result hotline(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(JDK.java().toString(), "-jar",
                ChildJvm.AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return ChildJvm.run(command, 120);
    }

    @Test
    void report_prints_the_method_table() throws Exception {
        ChildJvm.Result result = hotline("report", dump.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("ncalls", "tottime", "cumtime", "p99", "thrown",
                "dev.hotline.it.targets.UncaughtApp.helper(int)");
    }

    @Test
    void report_json_has_the_contract_fields() throws Exception {
        ChildJvm.Result result = hotline("report", dump.toString(), "--format", "json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonObject json = JsonParser.parseString(result.stdout()).getAsJsonObject();
        assertThat(json.get("hotline").getAsInt()).isEqualTo(1);
        JsonArray methods = json.getAsJsonArray("methods");
        assertThat(methods).isNotEmpty();
        // the contract's fields, in order, then those added within version 1 (how the times were taken)
        assertThat(methods.get(0).getAsJsonObject().keySet()).containsExactly("class", "method", "descriptor",
                "calls", "exceptions", "totalNanos", "selfNanos", "minNanos", "p50Nanos", "p90Nanos", "p99Nanos", "maxNanos",
                "timing", "timedCalls", "errorPercent", "measuredTotalNanos", "measuredSelfNanos", "overheadNanos");
        assertThat(json.getAsJsonArray("edges").get(0).getAsJsonObject().get("caller").getAsString())
                .isEqualTo("dev.hotline.it.targets.UncaughtApp.main([Ljava/lang/String;)V");
        assertThat(json.has("lines")).isTrue();
        assertThat(json.has("allocations")).isTrue();
    }

    @Test
    void a_file_that_is_not_a_dump_gives_one_line_and_exit_code_2() throws Exception {
        Path garbage = Files.writeString(ChildJvm.WORK.resolve("garbage.hotline"), "this is not a dump\n");
        ChildJvm.Result result = hotline("report", garbage.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("not a hotline dump").doesNotContain("\tat ");
    }

    @Test
    void a_truncated_dump_gives_one_line_and_exit_code_2() throws Exception {
        byte[] whole = Files.readAllBytes(dump);
        Path cut = ChildJvm.WORK.resolve("cut.hotline");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        ChildJvm.Result result = hotline("report", cut.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("truncated");
    }

    @Test
    void record_runs_the_command_with_the_agent_and_keeps_its_exit_code() throws Exception {
        Path out = ChildJvm.dumpPath("record");
        ChildJvm.Result result = hotline("record", "-o", out.toString(), "--includes", "dev.hotline.it.targets.*",
                "--", JDK.java().toString(), "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(),
                "dev.hotline.it.targets.ExitCodeApp", "25", "3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).contains("sum=600", "dev.hotline.it.targets.ExitCodeApp.work(int)");
        assertThat(out).exists();
    }

    @Test
    void bytecode_shows_the_complex_multiply_with_its_allocation_site_and_inlining_note() throws Exception {
        ChildJvm.Result result = hotline("bytecode", "dev.hotline.demo.Complex", "--jar",
                ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "--alloc", "dev.hotline.demo.*");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("dev.hotline.demo.Complex.multiply(Complex)",
                "allocation site: dev.hotline.demo.Complex", "method timer: enter", "inlining: ", "bytecode ");
    }

    @Test
    void demo_takes_the_agent_flags_of_record_and_a_bare_flag_means_the_demo() throws Exception {
        Path out = ChildJvm.dumpPath("demo");
        ChildJvm.Result result = hotline("demo", "--impl", "primitive", "--width", "40", "--max-iter", "20",
                "--demo-jar", ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "-o", out.toString(),
                "--linehits", "--alloc", "--excludes", "dev.hotline.demo.Grid", "--top", "0");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("=includes=dev.hotline.demo.*,excludes=dev.hotline.demo.Grid,"
                + "alloc=dev.hotline.demo.*,linehits=dev.hotline.demo.*,out=" + out.toAbsolutePath());
        assertThat(result.stdout()).contains("dev.hotline.demo.PrimitiveJulia.iterate(double, double, double, double, int)",
                "Hits only (linehits=)", "Allocations the bytecode performs", "double[]")
                .doesNotContain("dev.hotline.demo.Grid.");
        assertThat(out).exists();
    }

    @Test
    void demo_runs_the_demo_jar_beside_the_agent_jar_and_shows_the_source_it_carries() throws Exception {
        Path beside = ChildJvm.AGENT_JAR.toAbsolutePath().normalize().resolveSibling("hotline-demo.jar");
        assertThat(beside).as("the build puts the demo beside the agent jar").exists();
        Path out = ChildJvm.dumpPath("demo-beside");
        ChildJvm.Result result = hotline("demo", "--impl", "primitive", "--width", "40", "--max-iter", "20", "-o", out.toString(),
                "--lines", "dev.hotline.demo.PrimitiveJulia#iterate", "--no-plain");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("command: " + beside + " --impl primitive", "primitive: sum=",
                "while (Math.hypot(re, im) < 2 && n < maxIter) {");
        assertThat(result.stdout().lines().filter(line -> line.startsWith("primitive: sum="))).as("--no-plain: one run").hasSize(1);
        assertThat(result.stdout()).doesNotContain("plain run");
        assertThat(out).exists();
    }

    @Test
    void demo_runs_the_plain_demo_first_and_prints_both_times() throws Exception {
        Path out = ChildJvm.dumpPath("demo-plain");
        ChildJvm.Result result = hotline("demo", "--impl", "primitive", "--width", "200", "--max-iter", "50", "-o", out.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).startsWith("$ java -jar hotline-demo.jar --impl primitive --width 200 --max-iter 50");
        List<String> runs = lines.stream().filter(line -> line.startsWith("primitive: sum=")).toList();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).replaceAll(" took .*", "")).as("the same computation").isEqualTo(runs.get(1).replaceAll(" took .*", ""));
        assertThat(lines).anyMatch(line -> line.startsWith("$ java -javaagent:") && line.endsWith(
                " -jar hotline-demo.jar --impl primitive --width 200 --max-iter 50"));
        assertThat(lines).anyMatch(line -> line.matches("plain run \\d+\\.\\d+ s, with hotline \\d+\\.\\d+ s \\(\\d+\\.\\dx; .*\\)"));
        assertThat(result.stdout().indexOf("plain run")).as("before the report").isLessThan(result.stdout().indexOf("hotline report of"));
        assertThat(out).exists();
    }

    @Test
    void a_bad_agent_flag_stops_record_before_it_runs_anything() throws Exception {
        ChildJvm.Result result = hotline("record", "--interval", "soon", "--", JDK.java().toString(), "-version");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).first().asString().isEqualTo("hotline record: --interval soon: expected a duration such as"
                + " 500ms, 10s, 5m or 1h (at least 10ms)");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void bytecode_of_a_class_the_agent_never_instruments_says_why() throws Exception {
        ChildJvm.Result result = hotline("bytecode", "dev.hotline.cli.HotlineCli", "--jar",
                ChildJvm.AGENT_JAR.toAbsolutePath().toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("The agent never instruments dev.hotline.cli.HotlineCli: it is one of hotline's own classes");
    }

    @Test
    void bytecode_of_a_class_that_does_not_exist_gives_one_line_and_exit_code_2() throws Exception {
        ChildJvm.Result result = hotline("bytecode", "dev.hotline.demo.NoSuchClass", "--jar",
                ChildJvm.DEMO_JAR.toAbsolutePath().toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1);
        assertThat(result.stderr()).contains("NoSuchClass not found");
    }

    @Test
    void dumpclasses_writes_what_the_jvm_loaded_and_javap_reads_it() throws Exception {
        Path dir = ChildJvm.WORK.toAbsolutePath().resolve("dumpclasses-" + System.nanoTime());
        Path dump = ChildJvm.dumpPath("dumpclasses");
        ChildJvm.Result run = ChildJvm.run(ChildJvm.java(JDK, "includes=dev.hotline.it.targets.*,dumpclasses=" + dir
                        + ",out=" + dump, "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(),
                "dev.hotline.it.targets.ExitCodeApp", "3", "0"), 120);
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        Path instrumented = dir.resolve("instrumented/dev/hotline/it/targets/ExitCodeApp.class");
        assertThat(dir.resolve("original/dev/hotline/it/targets/ExitCodeApp.class")).exists();
        assertThat(instrumented).exists();
        ChildJvm.Result javap = ChildJvm.run(List.of(JDK.home().resolve("bin/javap").toString(), "-c", instrumented.toString()), 120);
        assertThat(javap.exitCode()).isZero();
        assertThat(javap.stdout()).contains("dev/hotline/runtime/Probes.enter");

        ChildJvm.Result listing = hotline("bytecode", "dev.hotline.it.targets.ExitCodeApp", "work", "--classpath",
                dir.resolve("original").toString(), "--format", "json");
        assertThat(listing.exitCode()).as(listing.stderr()).isZero();
        assertThat(JsonParser.parseString(listing.stdout()).getAsJsonObject().getAsJsonArray("methods")).hasSize(1);
    }

    @Test
    void help_is_available_on_every_command() throws Exception {
        for (String command : List.of("report", "record", "demo", "bytecode")) {
            ChildJvm.Result result = hotline(command, "--help");
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.stdout()).as(command).contains("Usage: hotline " + command);
        }
        assertThat(hotline("--help").stdout()).contains("report", "record", "demo");
    }
}
