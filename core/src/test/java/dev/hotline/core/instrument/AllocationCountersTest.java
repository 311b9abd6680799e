package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.targets.Allocations;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.hotline.core.options.ProbeSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Allocation counters on a validation target: per line, the allocations and array bytes written
 * beside it. Instance bytes need the JVM's getObjectSize and are checked by the integration tests.
 */
class AllocationCountersTest {

    private static final Pattern EXPECTED = Pattern.compile("//\\s*allocs:\\s*(\\d+)(?:,\\s*array bytes:\\s*(\\d+))?");
    private static final String TARGETS = "dev.hotline.core.instrument.targets.";

    /** With {@code linesCountedToo}, the counted lines' local H sits between R and the multianewarray temporaries. */
    @ParameterizedTest(name = "lines counted too: {0}")
    @ValueSource(booleans = {false, true})
    void every_allocation_is_counted_at_its_line_with_the_bytes_of_every_array(boolean linesCountedToo) throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        MethodSelection target = MethodSelection.parse(TARGETS + "Allocations");
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS, new ProbeSelection(null,
                MethodSelection.none(), linesCountedToo ? target : MethodSelection.none(), target));
        Profile profile = TargetRunner.run(loader, Allocations.class.getName(), catalog);
        if (linesCountedToo) {
            assertThat(profile.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.timed()).isFalse());
        }

        List<String> source = Files.readAllLines(Paths.get("src/test/java",
                Allocations.class.getName().replace('.', '/') + ".java"));
        int checked = 0;
        for (int n = 1; n <= source.size(); n++) {
            int line = n;
            List<AllocationProfile> here = profile.allocations().stream().filter(a -> a.site().line() == line).toList();
            long count = here.stream().mapToLong(AllocationProfile::count).sum();
            Matcher m = EXPECTED.matcher(source.get(n - 1));
            if (!m.find()) {
                assertThat(count).as("line %d allocated but has no expectation: %s", n, source.get(n - 1).trim()).isZero();
                continue;
            }
            checked++;
            assertThat(count).as("allocations of line %d: %s", n, source.get(n - 1).trim()).isEqualTo(Long.parseLong(m.group(1)));
            if (m.group(2) != null) {
                long bytes = here.stream().filter(a -> a.site().kind() == AllocationSite.Kind.ARRAY)
                        .mapToLong(AllocationProfile::bytes).sum();
                assertThat(bytes).as("array bytes of line %d: %s", n, source.get(n - 1).trim()).isEqualTo(Long.parseLong(m.group(2)));
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
        ValidationTargetsTest.verifyAll(loader);
    }

    @Test
    void sites_name_the_allocated_type_in_source_form() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS, MethodSelection.none(),
                MethodSelection.parse(TARGETS + "Allocations"));
        Profile profile = TargetRunner.run(loader, Allocations.class.getName(), catalog);

        assertThat(profile.allocations()).extracting(a -> a.site().type()).contains(
                "java.lang.Object", "long[]", "byte[]", "java.lang.String[]", "int[][]", "long[][][]", "java.lang.StringBuilder");
        assertThat(profile.allocations()).filteredOn(a -> a.site().kind() == AllocationSite.Kind.INSTANCE)
                .allSatisfy(a -> assertThat(a.bytes()).as("instance bytes without a JVM size").isEqualTo(-1));
    }
}
