package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JVM whose heap is nearly full when it exits (as a test suite under Surefire's -Xmx can leave
 * it) still leaves a readable dump: the whole one does not fit, so the agent gives back its reserve
 * and writes every method's counts and times, says what it left out in the dump and in one ERROR
 * line, and in {@code <dump>.error} beside it. The exit code and the output are the program's.
 */
class FullHeapDumpTest {

    @Test
    void a_heap_nearly_full_at_exit_still_gives_a_readable_dump_of_every_count() throws Exception {
        Path dump = ChildJvm.dumpPath("full-heap");
        Files.deleteIfExists(Path.of(dump + ".error"));
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(Jdks.all().get(0),
                // lines= too: the whole dump then needs far more than the 64 KB the app leaves
                // (its lines' histograms and the tree), the counts-only one no more than before
                "includes=dev.hotline.it.targets.FullHeapApp,lines=dev.hotline.it.targets.FullHeapApp,out=" + dump,
                "-Xmx48m", "-XX:+UseSerialGC", "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(),
                "dev.hotline.it.targets.FullHeapApp"), 180);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("calls=8000");
        Profile profile = Dumps.read(dump);
        long calls = profile.methods().stream().filter(m -> m.method().name().matches("m\\d+"))
                .mapToLong(MethodProfile::calls).sum();
        assertThat(calls).isEqualTo(8000);
        assertThat(profile.methods().stream().filter(m -> m.method().name().matches("m\\d+"))).hasSize(200);
        assertThat(profile.session()).containsKey(SessionKeys.DUMP_LEFT_OUT);
        List<String> errors = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
        assertThat(errors).singleElement().asString()
                .startsWith("[hotline] ERROR the heap was too full for the whole dump")
                .contains("holds every method's counts and times");
        assertThat(Files.readString(Path.of(dump + ".error"))).contains("the heap was too full for the whole dump");
    }
}
