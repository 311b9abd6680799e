package dev.hotline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.capture.InstanceSizes;
import dev.hotline.core.capture.ThreadRetirement;
import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpOnExitTest {

    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final TransformStats stats = new TransformStats();
    private final ThreadRetirement threads = new ThreadRetirement(new ProbeCatalog(), InstanceSizes.UNKNOWN);

    @Test
    void the_dump_records_the_jvm_the_options_the_span_and_the_transform_counts() throws Exception {
        Path out = dir.resolve("run.hotline");
        stats.instrumented("com.acme.A");
        stats.instrumented("com.acme.B");
        stats.failed("com.acme.C", new IllegalStateException("test"));
        stats.tooLarge("com.acme.A", "huge()V");
        long before = System.currentTimeMillis();

        new DumpOnExit(new LiveProfile(threads, stats, "includes=com.acme.*", START), out, null).write();

        Profile dump = DumpReader.read(out);
        assertThat(dump.session())
                .containsEntry(SessionKeys.PID, Long.toString(ProcessHandle.current().pid()))
                .containsEntry(SessionKeys.JAVA_VERSION, System.getProperty("java.version"))
                .containsEntry(SessionKeys.AGENT_OPTIONS, "includes=com.acme.*")
                .containsEntry(SessionKeys.START_EPOCH_MILLIS, Long.toString(START))
                .containsEntry(SessionKeys.CLASSES_INSTRUMENTED, "2")
                .containsEntry(SessionKeys.CLASSES_FAILED, "1")
                .containsEntry(SessionKeys.METHODS_TOO_LARGE, "1")
                .containsEntry(SessionKeys.METHOD_PROBES, "0")
                .containsKey(SessionKeys.THREADS);
        assertThat(Long.parseLong(dump.session().get(SessionKeys.END_EPOCH_MILLIS))).isGreaterThanOrEqualTo(before);
        assertThat(dump.intervals()).isEmpty();
    }

    @Test
    void every_write_replaces_the_dump_whole_and_with_interval_adds_an_interval() throws Exception {
        Path out = dir.resolve("run.hotline");
        DumpOnExit dump = new DumpOnExit(new LiveProfile(threads, stats, "interval=1s", START), out, new IntervalHistograms(START));

        dump.write();
        dump.write();
        dump.write();

        Profile read = DumpReader.read(out);
        assertThat(read.intervals()).hasSize(3);
        assertThat(read.intervals().get(0).startMillis()).isEqualTo(START);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left beside the dump").containsExactly(out);
        }
    }

    @Test
    void a_dump_that_cannot_be_written_costs_one_error_line_until_a_write_succeeds_and_never_throws() throws Exception {
        Path missing = dir.resolve("missing");
        Path out = missing.resolve("run.hotline");
        DumpOnExit dump = new DumpOnExit(new LiveProfile(threads, stats, "", START), out, null);

        String twice = Stderr.of(() -> {
            dump.write();
            dump.write();
        });
        assertThat(twice.lines()).singleElement().asString()
                .startsWith("[hotline] ERROR could not write the dump to " + out.toAbsolutePath() + ": ");
        assertThat(out).doesNotExist();

        Files.createDirectory(missing);
        dump.write();
        Files.delete(out);
        Files.delete(missing);
        assertThat(Stderr.of(dump::write).lines()).as("failing again after a success").hasSize(1);
    }

}
