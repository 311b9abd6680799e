package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threads that end are merged away, so memory follows the threads alive, not every thread that
 * ever ran: 200,000 virtual threads (JDK 21+) and 20,000 platform threads run in a 256 MB heap,
 * where keeping every thread's recorder (about 6 KB each here) would need over 1 GB, and every call
 * is counted. The waves pause 10 ms: the agent merges ended threads away on one background thread,
 * and a burst of tens of thousands of thread starts per second on two busy cores outruns it (the
 * backlog then grows with the burst; see docs/architecture.md).
 */
class ManyThreadsTest {

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void two_hundred_thousand_virtual_threads_are_counted_in_a_small_heap(Jdks.Jdk jdk) throws Exception {
        Assumptions.assumeTrue(jdk.feature() >= 21, "virtual threads need JDK 21+");
        runAndCount(jdk, "virtual", 200_000, 2_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void twenty_thousand_platform_threads_are_counted_in_a_small_heap(Jdks.Jdk jdk) throws Exception {
        runAndCount(jdk, "platform", 20_000, 200);
    }

    private static void runAndCount(Jdks.Jdk jdk, String kind, int count, int wave) throws Exception {
        Path dump = ChildJvm.dumpPath("threads-" + kind);
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-Xmx256m", "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.ManyThreadsApp",
                kind, Integer.toString(count), Integer.toString(wave), "10"), 600);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ManyThreadsApp", "work").calls()).isEqualTo(count);
        assertThat(Long.parseLong(profile.session().get("threads"))).isGreaterThanOrEqualTo(count);
        assertThat(profile.session().get("calls.open")).isEqualTo("0");
    }
}
