package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent never changes what the host application does, prints or returns. */
class HostSafetyTest {

    private static final String TARGETS = ChildJvm.TARGETS.toAbsolutePath().toString();
    private static Path bundledClasses;
    private static String bundledClassPath;

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @BeforeAll
    static void compileTheBundledLibrariesApp() throws Exception {
        Path libs = Path.of(System.getProperty("hotline.bundled.libs", "target/bundled-libs"));
        List<String> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(libs)) {
            files.filter(p -> p.toString().endsWith(".jar")).forEach(p -> jars.add(p.toAbsolutePath().toString()));
        }
        assertThat(jars).hasSize(6);
        bundledClasses = Files.createDirectories(ChildJvm.WORK.resolve("bundled-classes")).toAbsolutePath();
        Path source = Path.of(System.getProperty("hotline.bundled.source", "src/test/bundled"), "BundledLibrariesApp.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "--release", "17", "-cp", String.join(File.pathSeparator, jars),
                "-d", bundledClasses.toString(), source.toString());
        assertThat(code).as("javac exit code").isZero();
        // Logback's configuration: the app's log lines on stderr, without times, so two runs print the same
        Files.copy(source.resolveSibling("logback.xml"), bundledClasses.resolve("logback.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        jars.add(0, bundledClasses.toString());
        bundledClassPath = String.join(File.pathSeparator, jars);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void an_app_bundling_its_own_asm_hdrhistogram_bytebuddy_and_slf4j_with_logback_runs_unchanged_with_a_clean_stderr(
            Jdks.Jdk jdk) throws Exception {
        List<String> app = List.of("-Dnet.bytebuddy.experimental=true", "-cp", bundledClassPath, "BundledLibrariesApp");
        ChildJvm.Result plain = ChildJvm.run(ChildJvm.java(jdk, null, app.toArray(String[]::new)), 120);
        Path dump = ChildJvm.dumpPath("bundled");
        // default includes: every class of the application loader, the app's libraries included
        ChildJvm.Result profiled = ChildJvm.run(ChildJvm.java(jdk, "out=" + dump, app.toArray(String[]::new)), 300);

        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(profiled.exitCode()).as(profiled.stderr()).isZero();
        assertThat(profiled.stdout()).isEqualTo(plain.stdout()).contains("made by byte buddy", "hdr p50: 500");
        assertThat(ChildJvm.withoutJvmCdsWarning(profiled.stderrLines())).isEqualTo(plain.stderrLines())
                .contains("INFO BundledLibrariesApp - logging through the application's own SLF4J")
                .noneMatch(line -> line.contains("Unsafe") || line.startsWith("SLF4J") || line.contains("[hotline]"));
        assertThat(profiled.stdout()).contains("slf4j: ch.qos.logback.classic.Logger");
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "BundledLibrariesApp", "main").calls()).isEqualTo(1);
        assertThat(profile.methods()).anySatisfy(m -> assertThat(m.method().className()).startsWith("org.objectweb.asm."));
        assertThat(profile.methods()).anySatisfy(m -> assertThat(m.method().className()).startsWith("net.bytebuddy."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void a_malformed_option_prints_one_line_and_the_app_runs_on_with_its_exit_code(Jdks.Jdk jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "nonsense",
                "-cp", TARGETS, "dev.hotline.it.targets.ExitCodeApp", "10", "3"), 120);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("sum=90" + System.lineSeparator());
        List<String> lines = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("[hotline] ").contains("'nonsense'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void an_unknown_option_is_named_and_ignored(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("unknown-option");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includs=com.acme.*,out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.ExitCodeApp", "10", "0"), 120);

        assertThat(result.exitCode()).isZero();
        List<String> lines = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("unknown agent option 'includs'");
        assertThat(Dumps.method(Dumps.read(dump), "dev.hotline.it.targets.ExitCodeApp", "work").calls()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void logfile_takes_the_agents_lines_off_stderr_into_the_file(Jdks.Jdk jdk) throws Exception {
        Path log = Files.createDirectories(ChildJvm.dumpPath("logs")).resolve("agent-%p.log");
        Path dump = ChildJvm.dumpPath("logfile");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includs=com.acme.*,log=info,logfile=" + log + ",out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.ExitCodeApp", "10", "0"), 120);

        assertThat(result.exitCode()).isZero();
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines())).isEmpty();
        Path written;
        try (Stream<Path> files = Files.list(log.getParent())) {
            written = files.filter(p -> p.getFileName().toString().matches("agent-\\d+\\.log")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(written)).allSatisfy(line -> assertThat(line).startsWith("[hotline] "))
                .anySatisfy(line -> assertThat(line).startsWith("[hotline] ERROR").contains("unknown agent option 'includs'"))
                .anySatisfy(line -> assertThat(line).startsWith("[hotline] INFO dump written to"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void an_unwritable_dump_path_warns_and_the_app_runs_on(Jdks.Jdk jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "out=/nonexistent-dir/x/dump.hotline",
                "-cp", TARGETS, "dev.hotline.it.targets.ExitCodeApp", "10", "4"), 120);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("sum=90" + System.lineSeparator());
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines()))
                .allSatisfy(line -> assertThat(line).startsWith("[hotline] "))
                .anySatisfy(line -> assertThat(line).contains("/nonexistent-dir/x"));
    }
}
