package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every way an attach can fail ends with one clear line on stderr and status 2, and the target runs on. */
class AttachFailuresTest {

    private static final Jdks.Jdk JDK = Jdks.all().get(0);
    private static final String WORKER = "dev.hotline.it.targets.attach.Worker";

    private static void assertOneLine(ChildJvm.Result result, String command, String... fragments) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderrLines()).singleElement().asString().startsWith("hotline " + command + ": ").contains(fragments);
    }

    @Test
    void a_pid_that_is_not_running_is_named() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertOneLine(AttachTest.hotline("attach", Long.toString(ended.pid()), "--start"), "attach",
                "no process with pid " + ended.pid());
        assertOneLine(AttachTest.hotline("dump", Long.toString(ended.pid())), "dump", "no process with pid");
    }

    @Test
    void a_process_that_is_not_a_jvm_is_named() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertOneLine(AttachTest.hotline("attach", Long.toString(sleep.pid()), "--start"), "attach",
                    "process " + sleep.pid() + " is not a Java virtual machine");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void a_jvm_run_with_DisableAttachMechanism_is_named_and_runs_on() throws Exception {
        try (TargetJvm target = TargetJvm.start(JDK, "-XX:+DisableAttachMechanism")) {
            assertOneLine(AttachTest.hotline("attach", Long.toString(target.pid()), "--start"), "attach",
                    "runs with -XX:+DisableAttachMechanism");
            assertThat(target.ask("run 10")).isEqualTo("ran 10");
            assertThat(target.quit()).isZero();
        }
    }

    @Test
    void an_agent_already_attached_with_other_options_is_refused_and_dump_and_detach_need_an_agent() throws Exception {
        try (TargetJvm target = TargetJvm.start(JDK)) {
            String pid = Long.toString(target.pid());
            assertOneLine(AttachTest.hotline("dump", pid), "dump", "hotline is not attached to this JVM");
            assertOneLine(AttachTest.hotline("detach", pid), "detach", "hotline is not attached to this JVM");
            Path dump = ChildJvm.dumpPath("attach-twice");
            assertThat(AttachTest.hotline("attach", pid, "--start", "--includes", WORKER, "-o", dump.toString()).exitCode()).isZero();

            assertOneLine(AttachTest.hotline("attach", pid, "--start", "--includes", "com.acme.*"), "attach",
                    "already attached to this JVM with other options (includes=" + WORKER);
            ChildJvm.Result same = AttachTest.hotline("attach", pid, "--start", "--includes", WORKER, "-o", dump.toString());
            assertThat(same.exitCode()).as("the same options again: nothing to do").isZero();

            assertThat(AttachTest.hotline("detach", pid).exitCode()).isZero();
            assertThat(target.quit()).isZero();
        }
    }

    @Test
    void a_jvm_that_exits_while_attached_is_named_and_its_last_dump_is_kept() throws Exception {
        try (TargetJvm target = TargetJvm.start(JDK)) {
            Path dump = ChildJvm.dumpPath("attach-exit");
            List<String> command = new ArrayList<>(List.of(JDK.java().toString(), "-jar", ChildJvm.AGENT_JAR.toAbsolutePath().toString(),
                    "attach", Long.toString(target.pid()), "--includes", WORKER, "--duration", "5m", "-o", dump.toString()));
            Path err = Files.createTempFile(ChildJvm.WORK, "attach-exit-", ".txt");
            Process attach = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitForLine(err, "recording");
                assertThat(target.ask("run 250")).isEqualTo("ran 250");
                assertThat(target.quit()).isZero();
                assertThat(attach.waitFor(60, TimeUnit.SECONDS)).isTrue();

                assertThat(attach.exitValue()).isEqualTo(2);
                assertThat(Files.readAllLines(err)).last().asString()
                        .isEqualTo("hotline attach: the JVM " + target.pid() + " exited while hotline was attached; its last dump is " + dump);
                assertThat(Dumps.method(Dumps.read(dump), WORKER, "work").calls()).isEqualTo(250);
            } finally {
                attach.destroyForcibly();
            }
        }
    }

    @Test
    void another_users_jvm_is_refused_with_the_jdks_rule() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && new File("/usr/bin/setpriv").canExecute(),
                "needs root and setpriv to run hotline as another user");
        try (TargetJvm target = TargetJvm.start(JDK)) {
            List<String> command = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    JDK.java().toString(), "-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp", "-jar",
                    ChildJvm.AGENT_JAR.toAbsolutePath().toString(), "attach", Long.toString(target.pid()), "--start");
            ChildJvm.Result result = ChildJvm.run(command, 120);
            assumeTrue(!result.stderr().contains("Unable to access jarfile"), "the agent jar is not readable by nobody");

            assertOneLine(result, "attach", "belongs to root, not nobody", "only the user who runs a JVM can attach to it");
            assertThat(target.quit()).isZero();
        }
    }

    private static void waitForLine(Path file, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + Files.readString(file));
    }
}
