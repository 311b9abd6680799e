package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline attach}, {@code dump}, {@code detach} and {@code jvms} against a JVM that was
 * running before (JDK 17 and every other JDK found): what a detach leaves is the JVM as it was,
 * and a second attach counts only its own calls.
 */
class AttachTest {

    private static final String WORKER = "dev.hotline.it.targets.attach.Worker";

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    /** The CLI, run by the JDK 17 the build runs on (any JDK 17+ can attach to any other). */
    static ChildJvm.Result hotline(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jdks.all().get(0).java().toString(),
                "-jar", ChildJvm.AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return ChildJvm.run(command, 120);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attach_dump_detach_and_reattach_leave_the_original_bytes_and_count_only_each_sessions_calls(Jdks.Jdk jdk)
            throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk)) {
            String pid = Long.toString(target.pid());
            assertOriginal(jdk, target.bytes(), "before any attach");
            assertThat(target.ask("run 1000")).isEqualTo("ran 1000"); // before the attach: not counted

            Path first = ChildJvm.dumpPath("attach-first");
            ChildJvm.Result attached = hotline("attach", pid, "--start", "--includes", WORKER, "-o", first.toString());
            assertThat(attached.exitCode()).as(attached.stderr()).isZero();
            assertThat(attached.stdout()).contains("hotline attached to " + pid);
            assertThat(listing(target.bytes())).as("while attached").isNotEqualTo(listing(original()))
                    .contains("dev/hotline/runtime/Probes");

            ChildJvm.Result jvms = hotline("jvms");
            assertThat(jvms.stdout().lines()).anySatisfy(line -> assertThat(line).startsWith(pid + " ")
                    .contains(TargetJvm.APP).contains("attached (includes=" + WORKER));

            assertThat(target.ask("run 700")).isEqualTo("ran 700");
            Path middle = ChildJvm.dumpPath("attach-middle");
            ChildJvm.Result dumped = hotline("dump", pid, "-o", middle.toString());
            assertThat(dumped.exitCode()).as(dumped.stderr()).isZero();
            assertThat(Dumps.method(Dumps.read(middle), WORKER, "work").calls()).isEqualTo(700);

            assertThat(target.ask("run 300")).isEqualTo("ran 300");
            ChildJvm.Result detached = hotline("detach", pid);
            assertThat(detached.exitCode()).as(detached.stderr()).isZero();
            assertThat(detached.stdout()).contains("detached from " + pid + ": 1 classes restored; last dump " + first);
            assertThat(Dumps.method(Dumps.read(first), WORKER, "work").calls()).isEqualTo(1000);
            assertOriginal(jdk, target.bytes(), "after detach");
            assertThat(hotline("jvms").stdout().lines()).anySatisfy(line -> assertThat(line).startsWith(pid + " ").endsWith(" -"));

            assertThat(target.ask("run 5000")).isEqualTo("ran 5000"); // detached: counted nowhere

            Path second = ChildJvm.dumpPath("attach-second");
            ChildJvm.Result again = hotline("attach", pid, "--includes", WORKER, "--duration", "1s", "-o", second.toString());
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stdout()).contains("hotline report of " + second);
            assertOriginal(jdk, target.bytes(), "after a second attach");
            ChildJvm.Result third = hotline("attach", pid, "--start", "--includes", WORKER, "-o", second.toString());
            assertThat(third.exitCode()).as(third.stderr()).isZero();
            assertThat(target.ask("run 300")).isEqualTo("ran 300");
            assertThat(hotline("detach", pid).exitCode()).isZero();
            Profile reattached = Dumps.read(second);
            assertThat(Dumps.method(reattached, WORKER, "work").calls()).as("only the last session's calls").isEqualTo(300);
            assertOriginal(jdk, target.bytes(), "after the last detach");

            assertThat(target.ask("props")).as("no system property left behind").isEqualTo("props ");
            // a JVM killed earlier with the same pid may have left its jar: count this JVM's only
            java.time.Instant born = ProcessHandle.of(Long.parseLong(pid)).orElseThrow().info().startInstant()
                    .orElseThrow().minusSeconds(1);
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("hotline-runtime-" + pid + "-"))
                        .filter(f -> f.toFile().lastModified() >= born.toEpochMilli()))
                        .as("one runtime jar on the bootstrap path, however many attaches").hasSize(1);
            }
            assertThat(target.quit()).isZero();
            assertThat(ChildJvm.withoutJvmCdsWarning(target.stderrLines())).as("a clean stderr: no Unsafe, no SLF4J, no [hotline]")
                    .isEmpty();
        }
    }

    private static byte[] original() throws Exception {
        return Files.readAllBytes(ChildJvm.TARGETS.resolve(WORKER.replace('.', '/') + ".class"));
    }

    /**
     * The class as ASM prints it: every member, every instruction, every attribute, constants by
     * value (not by their slot in the constant pool).
     */
    private static String listing(byte[] classFile) {
        java.io.StringWriter text = new java.io.StringWriter();
        new org.objectweb.asm.ClassReader(classFile).accept(
                new org.objectweb.asm.util.TraceClassVisitor(new java.io.PrintWriter(text)), 0);
        return text.toString();
    }

    /**
     * The bytes a retransformation hands out are the class file's: byte for byte on JDK 17, which
     * keeps the class file of a class an agent retransformed; JDK 25 rebuilds the class file from
     * the class as the JVM holds it, with its constant pool merged across the retransformations
     * (the instrumented version's constants stay, for calls still running in it), so there the
     * class must be the same member by member and instruction by instruction.
     */
    private static void assertOriginal(Jdks.Jdk jdk, byte[] handedOut, String when) throws Exception {
        assertThat(listing(handedOut)).as(when).isEqualTo(listing(original()));
        if (jdk.feature() < 25) {
            assertThat(handedOut).as(when + ", byte for byte").isEqualTo(original());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void top_once_shows_the_busiest_method_of_the_last_interval_and_detaches(Jdks.Jdk jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk)) {
            List<String> command = new ArrayList<>(List.of(Jdks.all().get(0).java().toString(), "-jar",
                    ChildJvm.AGENT_JAR.toAbsolutePath().toString(), "top", Long.toString(target.pid()), "--includes", WORKER,
                    "--refresh", "500ms", "--once"));
            Path out = Files.createTempFile(ChildJvm.WORK, "top-", ".txt");
            Process top = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true).start();
            try {
                while (top.isAlive()) { // calls in every interval until top has its screen
                    assertThat(target.ask("run 20000")).isEqualTo("ran 20000");
                }
                assertThat(top.exitValue()).as(Files.readString(out)).isZero();
                List<String> screen = Files.readAllLines(out);
                assertThat(screen.get(0)).startsWith("hotline top " + target.pid());
                assertThat(screen.get(1)).contains("%self", "calls/s", "p50", "p99", "total calls", "method");
                assertThat(screen.get(2)).startsWith("100.0%").endsWith(WORKER + ".work");
                assertOriginal(jdk, target.bytes(), "after top");
                assertThat(hotline("jvms").stdout().lines())
                        .anySatisfy(line -> assertThat(line).startsWith(target.pid() + " ").endsWith(" -"));
            } finally {
                top.destroyForcibly();
            }
            assertThat(target.quit()).isZero();
        }
    }
}
