package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The book's Julia set under the agent, on every JDK found: exact counts, unchanged results. */
class JuliaDemoCountsTest {

    /** The book's total number of iterations, one multiply and one add each. */
    private static final long ITERATIONS = 33_219_980L;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            runs.add(Arguments.of(jdk, "boxed"));
            runs.add(Arguments.of(jdk, "parallel"));
        }
        return runs.stream();
    }

    private static int lineOf(String file, String text) throws java.io.IOException {
        List<String> source = Files.readAllLines(Paths.get(System.getProperty("hotline.demo.sources",
                "../demo-app/src/main/java"), "dev/hotline/demo", file));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found in " + file);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("runs")
    void complex_multiply_and_add_are_each_called_exactly_once_per_iteration(Jdks.Jdk jdk, String impl) throws Exception {
        Path dump = ChildJvm.dumpPath("julia-" + impl);
        // line probes in the method holding the inner loop and allocation counters in Complex are on
        // too: this also proves they keep the method counts exact
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk,
                "includes=dev.hotline.demo.*,lines=dev.hotline.demo.BoxedJulia#calculate,alloc=dev.hotline.demo.Complex,out=" + dump,
                "-jar", ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "--impl", impl), 600);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains(impl + ": sum=" + ITERATIONS);
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines())).as("stderr").isEmpty();

        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "dev.hotline.demo.Complex", "multiply").calls()).isEqualTo(ITERATIONS);
        assertThat(Dumps.method(profile, "dev.hotline.demo.Complex", "add").calls()).isEqualTo(ITERATIONS);
        // two new Complex per iteration, two per grid point for zs and cs
        assertThat(Dumps.method(profile, "dev.hotline.demo.Complex", "<init>").calls()).isEqualTo(2 * ITERATIONS + 2_000_000L);
        assertThat(profile.session().get("calls.open")).isEqualTo("0");
        int zLine = lineOf("BoxedJulia.java", "z = z.multiply(z).add(c);");
        long zHits = profile.lines().stream()
                .filter(l -> l.line().file().equals("dev/hotline/demo/BoxedJulia.java") && l.line().line() == zLine)
                .mapToLong(LineProfile::hits).sum();
        assertThat(zHits).as("hits of the line z = z*z + c").isEqualTo(ITERATIONS);
        for (String operation : List.of("multiply", "add")) {
            AllocationProfile site = profile.allocations().stream()
                    .filter(a -> a.site().method().name().equals(operation)).findFirst().orElseThrow();
            assertThat(site.site().type()).isEqualTo("dev.hotline.demo.Complex");
            assertThat(site.count()).as("Complex allocations in " + operation).isEqualTo(ITERATIONS);
            // two doubles after a 12-byte header, 8-byte aligned: 32 bytes with compressed class pointers
            assertThat(site.bytes()).as("bytes allocated in " + operation).isEqualTo(ITERATIONS * 32);
        }
        if (impl.equals("parallel")) {
            assertThat(Integer.parseInt(profile.session().get("threads"))).isGreaterThan(1);
        }
    }

    static Stream<Arguments> lineHitRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            runs.add(Arguments.of(jdk, "primitive", "PrimitiveJulia.java", "n++;"));
            runs.add(Arguments.of(jdk, "parallel", "BoxedJulia.java", "z = z.multiply(z).add(c);"));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("lineHitRuns")
    void counted_lines_without_timers_are_exact_on_one_thread_and_on_many(Jdks.Jdk jdk, String impl, String file,
                                                                           String loopLine) throws Exception {
        Path dump = ChildJvm.dumpPath("julia-hits-" + impl);
        // includes= (empty): no method timers at all, only the inline line hit counters
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk, "includes=,linehits=dev.hotline.demo.*,out=" + dump,
                "-jar", ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "--impl", impl), 600);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains(impl + ": sum=" + ITERATIONS);
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines())).as("stderr").isEmpty();

        Profile profile = Dumps.read(dump);
        assertThat(profile.methods()).as("methods timed").isEmpty();
        int line = lineOf(file, loopLine);
        List<LineProfile> loop = profile.lines().stream()
                .filter(l -> l.line().file().equals("dev/hotline/demo/" + file) && l.line().line() == line).toList();
        assertThat(loop).hasSize(1);
        assertThat(loop.get(0).hits()).as("hits of " + loopLine).isEqualTo(ITERATIONS);
        assertThat(loop.get(0).timed()).isFalse();
    }
}
