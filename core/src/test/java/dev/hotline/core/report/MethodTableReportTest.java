package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import dev.hotline.core.profile.SessionKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MethodTableReportTest {

    /*
     * Four methods whose order differs for every sort key:
     *
     *        calls  self  total  percall  thrown   p50  p90  p99   max
     *   A      40   1000   8000     200       2     10  700  800  1200
     *   B      10   4000   6000     600       0     50   60  900  5000
     *   C      20   1500   2000     100       5     90  400  450   460
     *   D      30   2500   9000     300       1     30  100 1000  1100
     */
    private static Profile fourMethods() {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        add(methods, "A", 40, 1000, 8000, 2, 10, 700, 800, 1200);
        add(methods, "B", 10, 4000, 6000, 0, 50, 60, 900, 5000);
        add(methods, "C", 20, 1500, 2000, 5, 90, 400, 450, 460);
        add(methods, "D", 30, 2500, 9000, 1, 30, 100, 1000, 1100);
        return new Profile(Map.of(), methods, CallTreeNode.root(), Map.of(), Map.of(), List.of());
    }

    private static void add(Map<MethodRef, MethodProfile> methods, String name, long calls, long self, long total,
            long thrown, long p50, long p90, long p99, long max) {
        MethodRef ref = new MethodRef("com.acme." + name, "work", "()V");
        MethodProfile profile = new MethodProfile(ref);
        profile.histogram().recordValueWithCount(p50, 50);
        profile.histogram().recordValueWithCount(p90, 40);
        profile.histogram().recordValueWithCount(p99, 9);
        profile.histogram().recordValueWithCount(max, 1);
        profile.add(calls, thrown, total, self, p50, max);
        methods.put(ref, profile);
    }

    /** The row order of {@link #fourMethods()} under every sort key. */
    private static final Map<MethodSort, String> ORDERS = Map.of(
            MethodSort.TOTTIME, "BDCA",
            MethodSort.CUMTIME, "DABC",
            MethodSort.CALLS, "ADCB",
            MethodSort.PERCALL, "BDAC",
            MethodSort.P50, "CBDA",
            MethodSort.P90, "ACDB",
            MethodSort.P99, "DBAC",
            MethodSort.MAX, "BADC",
            MethodSort.EXCEPTIONS, "CADB",
            MethodSort.NAME, "ABCD");

    @ParameterizedTest(name = "--sort {0}")
    @EnumSource(MethodSort.class)
    void sorts_the_rows_by_the_chosen_key_biggest_first(MethodSort sort) {
        assertThat(ORDERS).as("the order table has no row for %s", sort).containsKey(sort);

        String report = render(fourMethods(), sort, 0);

        assertThat(String.join("", rowOrder(report))).isEqualTo(ORDERS.get(sort));
    }

    @Test
    void the_four_methods_are_in_a_different_order_for_every_sort_key() {
        assertThat(new java.util.HashSet<>(ORDERS.values())).hasSameSizeAs(EnumSet.allOf(MethodSort.class));
    }

    @Test
    void ties_are_broken_by_name_so_the_order_is_stable() {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        for (String name : new String[] {"Z", "M", "A"}) {
            MethodRef ref = new MethodRef("com.acme." + name, "work", "()V");
            methods.put(ref, SampleProfiles.method(ref, 1, 0, 100, 100, new long[] {100}));
        }

        String report = render(new Profile(Map.of(), methods, CallTreeNode.root(),
                Map.of(), Map.of(), List.of()), MethodSort.TOTTIME, 0);

        assertThat(rowOrder(report)).containsExactly("A", "M", "Z");
    }

    @Test
    void top_shows_the_first_n_rows_and_says_how_many_were_left_out() {
        String report = render(fourMethods(), MethodSort.TOTTIME, 2);

        assertThat(rowOrder(report)).containsExactly("B", "D");
        assertThat(report).contains("(2 more methods; --top 0 shows all)");
    }

    @Test
    void top_zero_or_at_least_the_method_count_shows_every_row_without_a_note() {
        for (int top : new int[] {0, 4, 25}) {
            String report = render(fourMethods(), MethodSort.TOTTIME, top);

            assertThat(rowOrder(report)).as("--top %d", top).hasSize(4);
            assertThat(report).as("--top %d", top).doesNotContain("more methods");
        }
    }

    @Test
    void the_thrown_column_appears_when_a_call_ended_by_an_exception() {
        String report = render(fourMethods(), MethodSort.NAME, 0);

        assertThat(headerLine(report)).contains("thrown");
        assertThat(row(report, "C")).as("row of C").containsPattern("\\s5\\s+com\\.acme\\.C\\.work\\(\\)$");
        assertThat(row(report, "B")).as("row of B").containsPattern("\\s0\\s+com\\.acme\\.B\\.work\\(\\)$");
    }

    @Test
    void the_thrown_column_is_absent_when_no_call_threw() {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(SampleProfiles.INIT, SampleProfiles.method(SampleProfiles.INIT, 3, 0, 90, 90, new long[] {20, 30, 40}));

        String report = render(new Profile(Map.of(), methods, CallTreeNode.root(),
                Map.of(), Map.of(), List.of()), MethodSort.TOTTIME, 0);

        assertThat(headerLine(report)).doesNotContain("thrown");
        assertThat(headerLine(report).trim().split("\\s+"))
                .containsExactly("ncalls", "tottime", "percall", "cumtime", "percall", "p50", "p99", "max", "method");
    }

    @Test
    void a_row_shows_calls_times_per_call_percentiles_and_the_method_display_name() {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(SampleProfiles.HANDLE, SampleProfiles.method(SampleProfiles.HANDLE, 4, 0, 8_000_000L, 2_000L,
                new long[] {1_000_000L, 2_000_000L, 2_000_000L, 3_000_000L}));

        String report = render(new Profile(Map.of(), methods, CallTreeNode.root(),
                Map.of(), Map.of(), List.of()), MethodSort.TOTTIME, 0);

        String row = report.lines().filter(l -> l.endsWith("com.acme.Service$Worker.handle(String, long[])")).findFirst().orElseThrow();
        assertThat(row.trim().split("\\s{2,}")).startsWith("4", "2.00 µs", "500 ns", "8.00 ms", "2.00 ms");
        assertThat(row).contains("3.00 ms  com.acme.Service$Worker.handle(String, long[])"); // max, exact
    }

    @Test
    void method_names_start_in_one_column() {
        String report = render(fourMethods(), MethodSort.NAME, 0);

        int column = headerLine(report).indexOf("method");
        for (String name : List.of("A", "B", "C", "D")) {
            assertThat(row(report, name).indexOf("com.acme." + name)).as("row of %s", name).isEqualTo(column);
        }
    }

    @Test
    void an_empty_profile_says_that_no_method_completed_a_call() {
        String report = render(SampleProfiles.empty(), MethodSort.TOTTIME, 25);

        assertThat(report).contains("No instrumented method completed a call");
        assertThat(report).contains("includes=/excludes=");
        assertThat(report).contains("0 calls of 0 methods");
        assertThat(report).doesNotContain("ncalls");
    }

    @Test
    void the_header_names_the_source_the_jvm_and_the_totals() {
        Map<String, String> session = new LinkedHashMap<>(SampleProfiles.threeLevels().session());
        session.put(SessionKeys.START_EPOCH_MILLIS, "1700000000000");
        session.put(SessionKeys.END_EPOCH_MILLIS, "1700000002500");
        session.put(SessionKeys.OPEN_CALLS, "2");
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));
        Profile profile = new Profile(session, methods, base.callTree(), Map.of(), Map.of(), List.of());

        String report = render(profile, MethodSort.TOTTIME, 25);

        assertThat(report).startsWith("hotline report of run.hotline" + System.lineSeparator());
        assertThat(report).contains("JVM 17.0.12, pid 4242, started 2023-11-14T22:13:20Z, recorded for 2.50 s");
        assertThat(report).contains("command: com.acme.App --name Zoë");
        assertThat(report).contains("309 calls of 4 methods; 3 classes instrumented, 0 failed; 2 calls still running");
    }

    @Test
    void a_dump_without_histograms_shows_no_percentiles_rather_than_zero() {
        MethodRef ref = new MethodRef("com.acme.A", "work", "()V");
        MethodProfile counted = new MethodProfile(ref);
        counted.add(3, 0, 3_000, 3_000, 900, 1_100); // counts and times, no latencies (a full heap at exit)
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>(Map.of(ref, counted));
        Profile profile = new Profile(Map.of(dev.hotline.core.profile.SessionKeys.DUMP_LEFT_OUT, "latency histograms"),
                methods, CallTreeNode.root(), Map.of(), Map.of(), List.of());

        String report = render(profile, MethodSort.TOTTIME, 0);

        assertThat(row(report, "A")).as("percall, then p50 and p99, then max")
                .containsPattern("1\\.00 µs +- +- +1\\.10 µs");
        assertThat(report).contains("(no percentiles)");
    }

    // --- helpers

    private static String render(Profile profile, MethodSort sort, int top) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MethodTableReport(sort, top, false).render(profile, "run.hotline", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String headerLine(String report) {
        return report.lines().filter(l -> l.trim().startsWith("ncalls")).findFirst().orElseThrow();
    }

    private static String row(String report, String simpleName) {
        return report.lines().filter(l -> l.endsWith("com.acme." + simpleName + ".work()")).findFirst().orElseThrow();
    }

    /** The simple class names of the table's rows, top to bottom. */
    private static List<String> rowOrder(String report) {
        List<String> order = new ArrayList<>();
        report.lines().filter(l -> l.matches(".*  com\\.acme\\.[A-Z]\\.work\\(\\)"))
                .forEach(l -> order.add(l.substring(l.length() - "X.work()".length(), l.length() - ".work()".length())));
        return order;
    }
}
