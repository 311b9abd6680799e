package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What C2 does with the probes, read from its own inlining log ({@code -XX:+PrintInlining}) in a
 * child JVM: in a hot loop over a tiny instrumented method, the probes' fast paths inline into the
 * method and the method into the loop, and the slow paths stay out of line. Before the slow paths
 * were marked {@code @DontInline}, C2's own compile of {@code ThreadRecorder.enter} took them in
 * (the calibration runs them hot) and so was "already compiled into a big method": every call of an
 * instrumented method called the probe out of line. And a reference stored on the fast path carried
 * G1's write barriers, which made a two-probe method's code too large for its callers to inline.
 */
class ProbeInliningTest {

    private static final String APP = "dev.hotline.it.targets.HotLoopApp";
    private static final Pattern PROBE_OR_TARGET =
            Pattern.compile("(ThreadRecorder::enter|ThreadRecorder::exit|Probes::enter|Probes::exit|HotLoopApp::square) \\(");

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void probes_fast_paths_inline_into_a_hot_instrumented_method_and_it_into_its_caller(Jdks.Jdk jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk,
                "includes=" + APP + ",out=" + ChildJvm.dumpPath("inlining"),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-XX:+PrintInlining",
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), APP), 120);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("sum=");
        List<String> log = List.of(result.stdout().split("\\R"));
        List<String> decisions = log.stream().filter(l -> PROBE_OR_TARGET.matcher(l).find()).collect(Collectors.toList());
        assertThat(decisions).as("C2 inlined the tiny method into its loop")
                .anySatisfy(l -> assertThat(l).contains("HotLoopApp::square").contains("inline (hot)"));
        assertThat(decisions).as("and the probes' fast paths into it")
                .anySatisfy(l -> assertThat(l).contains("ThreadRecorder::enter (").contains("inline (hot)"))
                .anySatisfy(l -> assertThat(l).contains("ThreadRecorder::exit (").contains("inline (hot)"));
        assertThat(decisions).as("no probe nor the instrumented method is left out for its compiled size")
                .noneSatisfy(l -> assertThat(l).contains("already compiled into a big method"));
        assertThat(log).as("the slow paths stay out of line")
                .anySatisfy(l -> assertThat(l).contains("ThreadRecorder::enterSlow").contains("don't inline by annotation"));
    }
}
