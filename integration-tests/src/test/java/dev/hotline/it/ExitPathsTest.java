package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exit path that runs shutdown hooks writes a whole dump, and the exit code stays the app's. */
class ExitPathsTest {

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void normal_end_writes_the_dump(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("normal");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.ExitCodeApp", "1000", "0"), 120);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("sum=999000" + System.lineSeparator());
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ExitCodeApp", "work").calls()).isEqualTo(1000);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ExitCodeApp", "main").calls()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void system_exit_keeps_its_code_and_writes_the_dump(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("exit");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.ExitCodeApp", "500", "7"), 120);

        assertThat(result.exitCode()).isEqualTo(7);
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ExitCodeApp", "work").calls()).isEqualTo(500);
        // main never returned: System.exit ran inside it, so its one call is still open
        assertThat(Dumps.calls(profile, "dev.hotline.it.targets.ExitCodeApp", "main")).isZero();
        assertThat(profile.session().get("calls.open")).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void an_uncaught_exception_in_main_is_counted_and_the_dump_written(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("uncaught");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.UncaughtApp"), 120);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("IllegalStateException: deliberate");
        Profile profile = Dumps.read(dump);
        MethodProfile fail = Dumps.method(profile, "dev.hotline.it.targets.UncaughtApp", "fail");
        MethodProfile main = Dumps.method(profile, "dev.hotline.it.targets.UncaughtApp", "main");
        assertThat(fail.calls()).isEqualTo(1);
        assertThat(fail.exceptions()).isEqualTo(1);
        assertThat(main.exceptions()).isEqualTo(1);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.UncaughtApp", "helper").calls()).isEqualTo(3);
        assertThat(profile.edges()).anySatisfy(e -> {
            assertThat(e.caller().name()).isEqualTo("main");
            assertThat(e.callee().name()).isEqualTo("helper");
            assertThat(e.calls()).isEqualTo(3);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sixteen_threads_calling_one_method_give_exact_totals(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("threads");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.ThreadsApp", "16", "100000"), 300);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "dev.hotline.it.targets.ThreadsApp", "shared").calls()).isEqualTo(1_600_000L);
        assertThat(profile.methods()).anySatisfy(m -> {
            assertThat(m.method().name()).startsWith("lambda$main$");
            assertThat(m.calls()).isEqualTo(16);
        });
    }
}
