package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens to the dump when writing it fails or the JVM dies in the middle of it: the file
 * size limit is reached (ulimit -f), the file system fills up or turns read-only (a small tmpfs,
 * where the tests may mount one), the JVM is killed with SIGKILL while a dump is being written.
 * Each time the last complete dump stays where it was and reads, and the application's exit code
 * is its own.
 */
class DumpFaultsTest {

    /** Each interval adds a histogram per class called in it: a few KB per interval with 200 classes. */
    private static final int CLASSES = 200;
    private static final int EXIT_CODE = 7;
    private static Path classes;

    @BeforeAll
    static void generate() throws Exception {
        classes = GeneratedClasses.write("dump-faults", CLASSES);
    }

    private static List<String> growingApp(String agentOptions, int classCount, long millis) {
        return ChildJvm.java(Jdks.all().get(0), agentOptions, "-XX:-UsePerfData", "-cp",
                ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.GrowingDumpApp",
                classes.toString(), Integer.toString(classCount), Long.toString(millis), Integer.toString(EXIT_CODE));
    }

    @Test
    void a_dump_past_the_file_size_limit_fails_and_the_last_complete_dump_stays() throws Exception {
        Path dump = ChildJvm.dumpPath("file-size-limit");
        // the first dumps fit, the dump outgrows it after some intervals (it grows by about 190 KB a
        // second here: 200 methods, a histogram each per 100 ms); 40 KB was hit by the first dump
        // written after the calls began, when start-up was slow
        int limitKb = 256;
        // bash's ulimit -f counts 1024-byte blocks; the JVM ignores SIGXFSZ, so a write past it fails with EFBIG
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + limitKb + " && exec \"$@\"", "bash"));
        command.addAll(growingApp("includes=gen.*,interval=100ms,out=" + dump, CLASSES, 4_000));
        ChildJvm.Result result = ChildJvm.run(command, 120);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(EXIT_CODE);
        assertThat(result.stdout()).contains("calls=");
        List<String> errors = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
        assertThat(errors).as("one line for the failure, not one per interval").hasSize(1);
        assertThat(errors.get(0)).startsWith("[hotline] ERROR could not write the dump").contains("File too large");
        assertLastCompleteDumpStays(dump, limitKb * 1024L);
    }

    @Test
    void a_full_file_system_fails_the_dump_and_the_last_complete_dump_stays() throws Exception {
        Path mount = Files.createTempDirectory(ChildJvm.WORK.toAbsolutePath(), "tmpfs-full-");
        assumeTrue(mountTmpfs(mount, "size=128k"), "cannot mount a tmpfs here (needs root): skipped");
        try {
            Path dump = mount.resolve("full.hotline");
            ChildJvm.Result result = ChildJvm.run(growingApp("includes=gen.*,interval=100ms,out=" + dump, CLASSES, 2_000), 120);

            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(EXIT_CODE);
            List<String> errors = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).startsWith("[hotline] ERROR could not write the dump").contains("No space left on device");
            assertLastCompleteDumpStays(dump, 128 * 1024L);
        } finally {
            succeeds("umount", mount.toString());
        }
    }

    @Test
    void a_file_system_turning_read_only_fails_the_dump_and_the_last_complete_dump_stays() throws Exception {
        Path mount = Files.createTempDirectory(ChildJvm.WORK.toAbsolutePath(), "tmpfs-ro-");
        assumeTrue(mountTmpfs(mount, "size=8m"), "cannot mount a tmpfs here (needs root): skipped");
        try {
            Path dump = mount.resolve("ro.hotline");
            Path out = ChildJvm.WORK.resolve("ro-stdout.txt");
            Path err = ChildJvm.WORK.resolve("ro-stderr.txt");
            Process app = new ProcessBuilder(growingApp("includes=gen.*,interval=100ms,out=" + dump, CLASSES, 3_000))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            waitFor(dump, app);
            Thread.sleep(300); // a few more intervals written
            assertThat(remountReadOnly(mount)).as("remount read-only").isTrue();
            assertThat(app.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(app.exitValue()).as(Files.readString(err)).isEqualTo(EXIT_CODE);
            List<String> errors = ChildJvm.withoutJvmCdsWarning(Files.readAllLines(err));
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).startsWith("[hotline] ERROR could not write the dump").contains("Read-only file system");
            assertLastCompleteDumpStays(dump, Long.MAX_VALUE);
        } finally {
            succeeds("umount", mount.toString());
        }
    }

    /**
     * SIGKILL while a large dump (3,000 methods, rewritten back to back with interval=10ms) is being
     * written: after a random delay of 1-2 s (every 10 ms interval makes the dump larger) the test waits until a write's temporary file is there, then
     * kills within a few milliseconds. Each time, the dump file there reads whole. A kill that left
     * the temporary file behind hit the middle of a write; at least one must have (kills go on, up
     * to 40, until one does).
     */
    @Test
    void sigkill_in_the_middle_of_a_write_leaves_the_previous_dump_whole() throws Exception {
        Path big = GeneratedClasses.write("dump-faults-kill", 3_000);
        Random random = new Random();
        int kills = 0;
        int midWrite = 0;
        // at least 10 kills; more (up to 40) until one hits a write in progress, which is a matter
        // of timing: a test that never hit one would prove nothing
        while ((kills < 10 || midWrite == 0) && kills < 40 && midWrite < 3) {
            Path dir = Files.createTempDirectory(ChildJvm.WORK.toAbsolutePath(), "killed-");
            Path dump = dir.resolve("killed.hotline");
            List<String> command = ChildJvm.java(Jdks.all().get(0), "includes=gen.*,interval=10ms,out=" + dump,
                    "-XX:-UsePerfData", "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(),
                    "dev.hotline.it.targets.GrowingDumpApp", big.toString(), "3000", "120000", "0");
            Process app = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile()).start();
            try {
                waitFor(dump, app);
                // intervals pile up in the dump, so the later the kill, the longer each write
                Thread.sleep(1_000 + random.nextInt(1_000));
                awaitWriteInProgress(dir, app); // then kill: aimed at a write, at a random point of it
                Thread.sleep(random.nextInt(3));
            } finally {
                app.destroyForcibly(); // SIGKILL
                app.waitFor(60, TimeUnit.SECONDS);
            }
            kills++;
            List<Path> temporary;
            try (Stream<Path> files = Files.list(dir)) {
                temporary = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            }
            if (!temporary.isEmpty()) {
                midWrite++;
            }
            Profile profile = DumpReader.read(dump); // throws if the dump is not whole
            assertThat(profile.intervals()).isNotEmpty();
        }
        System.out.printf("SIGKILL: %d kills, %d in the middle of a write (a temporary file left), every dump read whole%n",
                kills, midWrite);
        assertThat(midWrite).as("kills that hit a write in progress, of %d", kills).isPositive();
    }

    /** The dump there reads, holds at least one interval and fits in {@code limit}; no temporary file is left. */
    private static void assertLastCompleteDumpStays(Path dump, long limit) throws IOException {
        Profile profile = Dumps.read(dump);
        assertThat(profile.intervals()).isNotEmpty();
        assertThat(Files.size(dump)).isLessThanOrEqualTo(limit);
        try (Stream<Path> files = Files.list(dump.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("." + dump.getFileName()) && name.endsWith(".tmp"));
        }
    }

    /** Returns once a temporary file of a dump being written is there (or after 10 s). */
    private static void awaitWriteInProgress(Path dir, Process app) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                    return;
                }
            }
            Thread.sleep(1);
        }
    }

    private static void waitFor(Path dump, Process app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dump) && app.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(dump).as("the first periodic dump").exists();
    }

    private static boolean mountTmpfs(Path at, String options) throws IOException, InterruptedException {
        return succeeds("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
    }

    /** Runs a command; true if it exited 0. */
    /**
     * Remounts {@code mount} read-only. The kernel refuses (busy) while a file on it is open for
     * writing, as the dump's temporary file is during each interval's write: so it tries again.
     */
    private static boolean remountReadOnly(Path mount) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            if (succeeds("mount", "-o", "remount,ro", mount.toString())) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean succeeds(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException noSuchCommand) {
            return false;
        }
    }
}
