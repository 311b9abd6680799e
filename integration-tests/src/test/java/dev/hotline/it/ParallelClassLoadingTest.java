package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sixteen threads loading 2,000 classes at once through one parallel-capable class loader: the
 * transformer runs on many threads at the same time, and every class is instrumented, every call
 * counted exactly, no transform fails.
 */
class ParallelClassLoadingTest {

    private static final int CLASSES = 2_000;
    private static final int THREADS = 16;
    private static Path classes;

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @BeforeAll
    static void generate() throws Exception {
        classes = GeneratedClasses.write("parallel-loading", CLASSES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sixteen_threads_defining_classes_at_once_give_exact_counts_and_no_failed_transform(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("parallel-loading");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=gen.*,out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.ParallelLoadingApp",
                classes.toString(), Integer.toString(CLASSES), Integer.toString(THREADS)), 300);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        long expectedSum = (long) THREADS * CLASSES * (CLASSES + 1) / 2;
        assertThat(result.stdout()).contains("defined=" + CLASSES + " sum=" + expectedSum + " failures=0");
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines())).isEmpty();
        Profile profile = Dumps.read(dump); // and classes.failed is 0
        assertThat(Long.parseLong(profile.session().get("classes.instrumented"))).isGreaterThanOrEqualTo(CLASSES);
        assertThat(profile.methods()).filteredOn(m -> m.method().className().startsWith("gen.P")).hasSize(CLASSES)
                .extracting(MethodProfile::calls).containsOnly((long) THREADS);
    }
}
