package dev.hotline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed before its exit left its runtime jar behind: the next agent removes it, and only it. */
class StaleRuntimeJarsTest {

    @TempDir
    Path dir;

    /** The pid of a process that has ended (reused only after the kernel wraps around). */
    private static long endedPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    @Test
    void the_jar_of_a_process_that_is_gone_is_removed_and_those_of_live_processes_and_other_files_stay()
            throws Exception {
        long self = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Path ours = Files.createFile(dir.resolve("hotline-runtime-" + self + "-1.jar"));
        Path gone = Files.createFile(dir.resolve("hotline-runtime-" + endedPid() + "-22.jar"));
        Path alive = Files.createFile(dir.resolve("hotline-runtime-" + parent + "-333.jar"));
        Path otherName = Files.createFile(dir.resolve("hotline-runtime-notapid-4.jar"));
        Path otherFile = Files.createFile(dir.resolve("hotline-runtime-" + endedPid() + "-5.jar.bak"));

        int removed = StaleRuntimeJars.sweep(ours);

        assertThat(removed).isEqualTo(1);
        assertThat(gone).doesNotExist();
        assertThat(ours).exists();
        assertThat(alive).as("a live process's jar").exists();
        assertThat(otherName).exists();
        assertThat(otherFile).exists();
    }

    @Test
    void a_symbolic_link_named_like_a_stale_jar_is_not_followed_and_stays_with_its_target() throws Exception {
        Path ours = Files.createFile(dir.resolve("hotline-runtime-" + ProcessHandle.current().pid() + "-1.jar"));
        Path target = Files.createFile(dir.resolve("precious.txt"));
        Path link = Files.createSymbolicLink(dir.resolve("hotline-runtime-" + endedPid() + "-7.jar"), target);

        assertThat(StaleRuntimeJars.sweep(ours)).isZero();

        assertThat(link).exists();
        assertThat(target).exists();
    }

    @Test
    void only_names_the_agent_writes_give_a_pid() {
        assertThat(StaleRuntimeJars.pidOf("hotline-runtime-4242-19352669634569.jar")).isEqualTo(4242);
        assertThat(StaleRuntimeJars.pidOf("hotline-runtime-4242.jar")).isEqualTo(-1);
        assertThat(StaleRuntimeJars.pidOf("hotline-runtime--1-2.jar")).isEqualTo(-1);
        assertThat(StaleRuntimeJars.pidOf("hotline-runtime-1-2-3.jar")).isEqualTo(-1);
        assertThat(StaleRuntimeJars.pidOf("hotline-runtime-99999999999999999999-2.jar")).isEqualTo(-1);
        assertThat(StaleRuntimeJars.pidOf("other-4242-1.jar")).isEqualTo(-1);
    }

    @Test
    void a_directory_that_cannot_be_listed_is_no_failure() {
        assertThat(StaleRuntimeJars.sweep(dir.resolve("missing/hotline-runtime-1-1.jar"))).isZero();
    }
}
