package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 50,000 instrumented methods loaded, ten of them called: the agent's heap grows by a bounded
 * amount per method (probe metadata only, no per-thread state for methods that never ran), and a
 * cap on method probes stops growth with one clear warning.
 */
class ManyMethodsTest {

    private static final int CLASSES = 50;
    private static final int METHODS_PER_CLASS = 1000;
    private static Path dir;

    @BeforeAll
    static void generateClasses() throws Exception {
        dir = Files.createDirectories(ChildJvm.WORK.toAbsolutePath().resolve("many-methods/gen")).getParent();
        for (int c = 0; c < CLASSES; c++) {
            Files.write(dir.resolve("gen/C" + c + ".class"), GeneratedClasses.wide("gen/C" + c, METHODS_PER_CLASS));
        }
    }

    private static long used(ChildJvm.Result result) {
        String line = result.stdout().lines().filter(l -> l.startsWith("used=")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(5, line.indexOf(' ')));
    }

    private static List<String> command(String agentOptions) {
        return command(agentOptions, "-Xmx512m", "ten");
    }

    private static List<String> command(String agentOptions, String heap, String calls) {
        return ChildJvm.java(Jdks.all().get(0), agentOptions, heap, "-XX:+UseSerialGC", "-cp",
                ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.ManyMethodsApp",
                dir.toString(), Integer.toString(CLASSES), calls);
    }

    @Test
    void fifty_thousand_loaded_methods_cost_a_bounded_heap_per_method() throws Exception {
        Path dump = ChildJvm.dumpPath("many-methods");
        ChildJvm.Result plain = ChildJvm.run(command(null), 300);
        ChildJvm.Result profiled = ChildJvm.run(command("includes=gen.*,out=" + dump), 300);

        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(profiled.exitCode()).as(profiled.stderr()).isZero();
        long methods = (long) CLASSES * METHODS_PER_CLASS;
        long perMethod = (used(profiled) - used(plain)) / methods;
        System.out.printf("50,000 instrumented methods: %d bytes of heap per method (plain %d B, profiled %d B in use)%n",
                perMethod, used(plain), used(profiled));
        assertThat(perMethod).as("heap bytes per instrumented method").isLessThan(400);
        Profile profile = Dumps.read(dump);
        assertThat(profile.session().get("probes.methods")).isEqualTo(Long.toString(methods));
        assertThat(profile.methods()).hasSize(10);
    }

    /**
     * The exit dump reads each method's latencies from the runtime as it writes them, through one
     * scratch histogram: a histogram per method (10 KB each here, 500 MB in all) never exists at
     * once. Before, this run fell back to a counts-only dump at -Xmx96m, whose heap held 29 MB.
     */
    @Test
    void fifty_thousand_called_methods_are_dumped_whole_in_a_heap_far_smaller_than_a_histogram_per_method()
            throws Exception {
        Path dump = ChildJvm.dumpPath("many-called");
        ChildJvm.Result result = ChildJvm.run(command("includes=gen.*,out=" + dump, "-Xmx64m", "all"), 300);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines())).as("no ERROR line").isEmpty();
        Profile profile = Dumps.read(dump);
        assertThat(profile.session()).doesNotContainKey(SessionKeys.DUMP_LEFT_OUT);
        List<MethodProfile> generated = profile.methods().stream()
                .filter(m -> m.method().className().startsWith("gen.")).toList();
        assertThat(generated).hasSize(CLASSES * METHODS_PER_CLASS);
        assertThat(generated).allSatisfy(m -> {
            assertThat(m.calls()).isEqualTo(1);
            assertThat(m.histogram().getTotalCount()).as("%s latencies", m.method()).isEqualTo(1);
        });
        assertThat(profile.callTree().children()).isNotEmpty();
    }

    @Test
    void the_method_probe_cap_stops_at_its_limit_with_one_warning() throws Exception {
        Path dump = ChildJvm.dumpPath("capped");
        ChildJvm.Result result = ChildJvm.run(command("includes=gen.*,maxmethods=1500,out=" + dump), 300);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = ChildJvm.withoutJvmCdsWarning(result.stderrLines());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("[hotline] WARN reached the cap of 1500 method probes");
        Profile profile = Dumps.read(dump);
        assertThat(profile.session().get("probes.methods")).isEqualTo("1500");
        // C0 got its first 1000 methods' timers and C1 500: m0 of C0 and C1 ran timed, the rest not
        assertThat(profile.methods()).extracting(m -> m.method().className()).containsOnly("gen.C0", "gen.C1");
    }
}
