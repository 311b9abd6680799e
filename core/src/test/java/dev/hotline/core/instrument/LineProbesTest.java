package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.targets.LineCounts;
import dev.hotline.core.instrument.targets.LoopCounts;
import dev.hotline.core.instrument.targets.Sleeper;
import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Line probes on validation targets: exact hits per line as written beside each line
 * ({@code // hits: N}), every instrumented class verified by ASM and by the JVM.
 */
class LineProbesTest {

    private static final Pattern HITS = Pattern.compile("//\\s*hits:\\s*(\\d+)");
    private static final String TARGETS = "dev.hotline.core.instrument.targets.";

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {LineCounts.class, LoopCounts.class})
    void every_line_is_hit_exactly_as_often_as_written_beside_it(Class<?> target) throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS,
                MethodSelection.parse(target.getName() + "*"));
        Profile profile = TargetRunner.run(loader, target.getName(), catalog);

        assertHitsAsWritten(target, profile);
        assertThat(profile.lines()).allSatisfy(l -> assertThat(l.timed()).isTrue());
        ValidationTargetsTest.verifyAll(loader);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {LineCounts.class, LoopCounts.class})
    void counted_lines_without_timers_are_hit_exactly_as_often_as_written_beside_them(Class<?> target)
            throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        // includes= (empty): no method timers; linehits= only
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS, new ProbeSelection(
                ClassPattern.none(), MethodSelection.none(), MethodSelection.parse(target.getName() + "*"),
                MethodSelection.none()));
        Profile profile = TargetRunner.run(loader, target.getName(), catalog);

        assertHitsAsWritten(target, profile);
        assertThat(profile.lines()).allSatisfy(l -> assertThat(l.timed()).isFalse());
        assertThat(profile.methods()).isEmpty();
        ValidationTargetsTest.verifyAll(loader);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {LineCounts.class, LoopCounts.class})
    void counted_lines_in_timed_methods_are_hit_exactly_as_often_as_written_beside_them(Class<?> target)
            throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS, new ProbeSelection(
                null, MethodSelection.none(), MethodSelection.parse(target.getName() + "*"), MethodSelection.none()));
        Profile profile = TargetRunner.run(loader, target.getName(), catalog);

        assertHitsAsWritten(target, profile);
        assertThat(profile.lines()).allSatisfy(l -> {
            assertThat(l.timed()).isFalse();
            assertThat(l.histogram().getTotalCount()).isZero();
        });
        assertThat(profile.methods()).anySatisfy(m -> assertThat(m.method().name()).isEqualTo("run"));
        ValidationTargetsTest.verifyAll(loader);
    }

    @Test
    void counted_lines_with_allocation_counters_are_hit_exactly_as_often_as_written_beside_them() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        MethodSelection loops = MethodSelection.parse(LoopCounts.class.getName() + "*");
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS, new ProbeSelection(
                null, MethodSelection.none(), loops, loops));
        Profile profile = TargetRunner.run(loader, LoopCounts.class.getName(), catalog);

        assertHitsAsWritten(LoopCounts.class, profile);
        assertThat(profile.allocations()).isNotEmpty();
        ValidationTargetsTest.verifyAll(loader);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LineCounts, lambda", "LoopCounts, whileLoop", "LoopCounts, lambdaLoop"})
    void timed_lines_win_over_counted_lines_for_a_method_both_select(String target, String method) throws Exception {
        String className = TARGETS + target;
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS, new ProbeSelection(
                null, MethodSelection.parse(className + "#" + method), MethodSelection.parse(className + "*"),
                MethodSelection.none()));
        Profile profile = TargetRunner.run(loader, className, catalog);

        assertHitsAsWritten(loader.loadClass(className), profile);
        assertThat(profile.lines()).allSatisfy(l -> assertThat(l.timed())
                .as("%s line %d", l.line().method().name(), l.line().line())
                .isEqualTo(List.of(method, "lambda$" + method + "$0").contains(l.line().method().name())));
        ValidationTargetsTest.verifyAll(loader);
    }

    private static void assertHitsAsWritten(Class<?> target, Profile profile) throws Exception {
        String file = target.getName().replace('.', '/') + ".java";
        List<String> source = Files.readAllLines(Paths.get("src/test/java", file));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (int n = 1; n <= source.size(); n++) {
            Matcher m = HITS.matcher(source.get(n - 1));
            long hits = hitsAt(profile, file, n);
            long expected = m.find() ? Long.parseLong(m.group(1)) : 0;
            checked += m.find(0) ? 1 : 0;
            if (hits != expected) {
                wrong.add(String.format("line %d hit %d times, expected %d: %s", n, hits, expected, source.get(n - 1).trim()));
            }
        }
        assertThat(wrong).as("lines of %s hit otherwise than written beside them", file).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void a_line_that_sleeps_holds_at_least_90_percent_of_its_method_time() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS,
                MethodSelection.parse(TARGETS + "Sleeper#run"));
        Profile profile = TargetRunner.run(loader, Sleeper.class.getName(), catalog);

        String file = Sleeper.class.getName().replace('.', '/') + ".java";
        int sleepLine = lineContaining(file, "Thread.sleep(200)");
        long methodLineTime = profile.lines().stream()
                .filter(l -> l.line().method().name().equals("run")).mapToLong(LineProfile::totalNanos).sum();
        MethodProfile run = profile.methods().stream().filter(m -> m.method().name().equals("run")).findFirst().orElseThrow();
        LineProfile sleep = profile.lines().stream().filter(l -> l.line().line() == sleepLine).findFirst().orElseThrow();

        assertThat(sleep.hits()).isEqualTo(1);
        assertThat(sleep.totalNanos()).isGreaterThanOrEqualTo(200_000_000L);
        assertThat((double) sleep.totalNanos() / run.totalNanos()).isGreaterThanOrEqualTo(0.9);
        assertThat(methodLineTime).isLessThanOrEqualTo(run.totalNanos());
    }

    @Test
    void only_the_selected_methods_get_line_probes() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS,
                MethodSelection.parse(TARGETS + "LineCounts#lambda"));
        Profile profile = TargetRunner.run(loader, LineCounts.class.getName(), catalog);

        assertThat(profile.lines()).isNotEmpty().allSatisfy(l ->
                assertThat(l.line().method().name()).isIn("lambda", "lambda$lambda$0"));
        assertThat(profile.methods()).anySatisfy(m -> assertThat(m.method().name()).isEqualTo("run"));
    }

    private static long hitsAt(Profile profile, String file, int line) {
        return profile.lines().stream().filter(l -> l.line().file().equals(file) && l.line().line() == line)
                .mapToLong(LineProfile::hits).sum();
    }

    private static int lineContaining(String file, String text) throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java", file));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }
}
