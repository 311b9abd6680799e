package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Class loaders that hide the system class path, halt, a vanishing dump directory, no network. */
class HostBehaviourTest {

    private static final String TARGETS = ChildJvm.TARGETS.toAbsolutePath().toString();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void the_runtime_is_reachable_from_loaders_that_do_not_delegate_to_the_system_loader(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("loaders");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.LoadersApp"), 120);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("sum=9");
        Profile profile = Dumps.read(dump);
        // three classes of the same name, one per loader: their calls add up under one name
        assertThat(Dumps.calls(profile, "dev.hotline.it.targets.LoadedTarget", "three")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void runtime_halt_after_a_periodic_flush_leaves_a_whole_dump(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("halt");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,interval=100ms,out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.HaltApp", "1000"), 120);

        assertThat(result.exitCode()).isEqualTo(3);
        Profile profile = Dumps.read(dump);
        assertThat(profile.intervals()).isNotEmpty();
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.HaltApp", "step").calls()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void a_dump_directory_that_disappears_costs_one_line_and_not_the_exit_code(Jdks.Jdk jdk) throws Exception {
        Path dir = Files.createTempDirectory(ChildJvm.WORK.toAbsolutePath(), "vanishing-");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dir.resolve("d.hotline"),
                "-cp", TARGETS, "dev.hotline.it.targets.DisappearingDirApp", dir.toString()), 120);

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stdout()).contains("deleted");
        List<String> lines = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("[hotline] ERROR could not write the dump");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void the_agent_opens_no_network_socket(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("sockets");
        Process process = new ProcessBuilder(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,interval=100ms,out=" + dump,
                "-cp", TARGETS, "dev.hotline.it.targets.LoopApp"))
                .redirectErrorStream(true).redirectOutput(ChildJvm.WORK.resolve("sockets.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && !Files.exists(dump)) {
                Thread.sleep(50);
            }
            assertThat(dump).exists();
            List<String> sockets;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
                sockets = fds.map(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString();
                    } catch (Exception e) {
                        return "";
                    }
                }).filter(link -> link.startsWith("socket:")).toList();
            }
            // no socket at all: not a listening port, not a connection, not even a local IPC one
            assertThat(sockets).as("sockets the profiled JVM holds open").isEmpty();
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
