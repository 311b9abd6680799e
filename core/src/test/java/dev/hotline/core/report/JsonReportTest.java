package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    /** The method fields of the version-1 contract (README, "Report JSON"). */
    private static final List<String> METHOD_FIELDS = List.of("class", "method", "descriptor", "calls", "exceptions",
            "totalNanos", "selfNanos", "minNanos", "p50Nanos", "p90Nanos", "p99Nanos", "maxNanos");
    /** Fields added within version 1 (dump format 1.2): how the times were taken. */
    private static final List<String> ADDED_METHOD_FIELDS = List.of("timing", "timedCalls", "errorPercent",
            "measuredTotalNanos", "measuredSelfNanos", "overheadNanos");
    private static final List<String> EDGE_FIELDS = List.of("caller", "callee", "calls", "totalNanos");

    @Test
    void has_the_version_and_every_top_level_section() throws IOException {
        JsonObject report = render(SampleProfiles.threeLevels(), MethodSort.TOTTIME);

        assertThat(report.get("hotline").getAsInt()).isEqualTo(1);
        assertThat(report.get("methods").isJsonArray()).isTrue();
        assertThat(report.get("edges").isJsonArray()).isTrue();
        assertThat(report.get("lines").isJsonArray()).isTrue();
        assertThat(report.get("allocations").isJsonArray()).isTrue();
    }

    @Test
    void lines_and_allocations_are_present_and_empty_while_those_probes_do_not_exist() throws IOException {
        JsonObject report = render(SampleProfiles.threeLevels(), MethodSort.TOTTIME);

        assertThat(report.getAsJsonArray("lines")).isEmpty();
        assertThat(report.getAsJsonArray("allocations")).isEmpty();
    }

    @Test
    void a_line_counted_without_times_has_null_times_and_timed_false() throws IOException {
        dev.hotline.core.probe.LineRef ref = new dev.hotline.core.probe.LineRef(SampleProfiles.PARSE, "com/acme/Parser.java", 7);
        dev.hotline.core.profile.LineProfile line = dev.hotline.core.profile.LineProfile.countedOnly(ref);
        line.add(12, 0);
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));

        JsonObject report = render(new Profile(base.session(), methods, base.callTree(), Map.of(ref, line), Map.of(), List.of()),
                MethodSort.TOTTIME);

        JsonObject json = report.getAsJsonArray("lines").get(0).getAsJsonObject();
        assertThat(json.get("hits").getAsLong()).isEqualTo(12);
        assertThat(json.get("timed").getAsBoolean()).isFalse();
        for (String time : List.of("totalNanos", "p50Nanos", "p99Nanos")) {
            assertThat(json.get(time).isJsonNull()).as(time).isTrue();
        }
    }

    @Test
    void a_line_timed_in_a_sample_of_its_hits_is_marked_sampled_with_its_error() throws IOException {
        dev.hotline.core.probe.LineRef ref = new dev.hotline.core.probe.LineRef(SampleProfiles.PARSE, "com/acme/Parser.java", 7);
        dev.hotline.core.profile.LineProfile line = new dev.hotline.core.profile.LineProfile(ref);
        line.add(10_000, 1_500_000);
        line.addTiming(100, 2_000_000); // 100 of 10,000 hits timed, each standing for 100
        for (int i = 0; i < 100; i++) {
            line.histogram().recordValueWithCount(100 + 2 * i, 100); // 100 to 298 ns a hit
        }
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));
        Profile profile = new Profile(base.session(), methods, base.callTree(), Map.of(ref, line), Map.of(), List.of());

        JsonObject json = render(profile, MethodSort.TOTTIME).getAsJsonArray("lines").get(0).getAsJsonObject();
        assertThat(json.get("timing").getAsString()).isEqualTo("sampled");
        assertThat(json.get("timedHits").getAsLong()).isEqualTo(100);
        // cv of a uniform 100..298 spread about 0.29: 1.96 x 0.29 / 10 x sqrt(0.99) = 5.6 %
        assertThat(json.get("errorPercent").getAsDouble()).isBetween(5.0, 6.5);
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        new LineReport(null, SourceLookup.of(null)).render(profile, "x.hotline", text);
        assertThat(text.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("~1.50 ms", "~ sampled: every hit counted");
    }

    @Test
    void every_method_object_has_exactly_the_contract_field_names_and_the_added_timing_fields() throws IOException {
        JsonObject report = render(SampleProfiles.threeLevels(), MethodSort.TOTTIME);
        List<String> fields = new java.util.ArrayList<>(METHOD_FIELDS);
        fields.addAll(ADDED_METHOD_FIELDS);

        assertThat(report.getAsJsonArray("methods")).hasSize(4).allSatisfy(method ->
                assertThat(method.getAsJsonObject().keySet()).containsExactlyInAnyOrderElementsOf(fields));
    }

    @Test
    void method_fields_hold_the_exact_counts_times_and_percentiles() throws IOException {
        Profile profile = SampleProfiles.threeLevels();

        JsonObject report = render(profile, MethodSort.NAME);

        JsonObject handle = methodObject(report, SampleProfiles.HANDLE);
        MethodProfile expected = profile.method(SampleProfiles.HANDLE);
        assertThat(handle.get("class").getAsString()).isEqualTo("com.acme.Service$Worker");
        assertThat(handle.get("method").getAsString()).isEqualTo("handle");
        assertThat(handle.get("descriptor").getAsString()).isEqualTo("(Ljava/lang/String;[J)I");
        assertThat(handle.get("calls").getAsLong()).isEqualTo(5);
        assertThat(handle.get("exceptions").getAsLong()).isEqualTo(2);
        assertThat(handle.get("totalNanos").getAsLong()).isEqualTo(8_000_000L);
        assertThat(handle.get("selfNanos").getAsLong()).isEqualTo(3_000_000L);
        assertThat(handle.get("minNanos").getAsLong()).isEqualTo(1_000_000L);
        assertThat(handle.get("maxNanos").getAsLong()).isEqualTo(2_300_000L);
        assertThat(handle.get("p50Nanos").getAsLong()).isEqualTo(expected.percentileNanos(50));
        assertThat(handle.get("p90Nanos").getAsLong()).isEqualTo(expected.percentileNanos(90));
        assertThat(handle.get("p99Nanos").getAsLong()).isEqualTo(expected.percentileNanos(99));
        // HdrHistogram at 2 digits: the median of 1.0, 1.2, 1.5, 2.0, 2.3 ms is 1.5 ms within 1%
        assertThat(handle.get("p50Nanos").getAsLong()).isBetween(1_500_000L, 1_515_000L);
        assertThat(handle.get("p99Nanos").getAsLong()).isEqualTo(2_300_000L); // kept within the exact max
    }

    @Test
    void times_and_counts_beyond_double_precision_are_exact() throws IOException {
        MethodProfile big = new MethodProfile(SampleProfiles.MAIN);
        big.add(1, 0, (1L << 53) + 1, Long.MAX_VALUE, 5, 5);

        JsonObject report = render(new Profile(Map.of(), Map.of(SampleProfiles.MAIN, big), CallTreeNode.root(),
                Map.of(), Map.of(), List.of()), MethodSort.TOTTIME);

        JsonObject main = methodObject(report, SampleProfiles.MAIN);
        assertThat(main.get("totalNanos").getAsLong()).isEqualTo((1L << 53) + 1);
        assertThat(main.get("selfNanos").getAsLong()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void methods_are_listed_in_the_requested_order() throws IOException {
        Profile profile = SampleProfiles.threeLevels();

        assertThat(methodNames(render(profile, MethodSort.CALLS))).containsExactly("parse", "handle", "<init>", "main");
        assertThat(methodNames(render(profile, MethodSort.CUMTIME))).containsExactly("main", "handle", "parse", "<init>");
    }

    @Test
    void every_edge_has_exactly_caller_callee_calls_and_total_nanos() throws IOException {
        JsonObject report = render(SampleProfiles.threeLevels(), MethodSort.TOTTIME);

        assertThat(report.getAsJsonArray("edges")).isNotEmpty().allSatisfy(edge ->
                assertThat(edge.getAsJsonObject().keySet()).containsExactlyInAnyOrderElementsOf(EDGE_FIELDS));
    }

    @Test
    void edges_name_caller_and_callee_as_class_dot_name_and_descriptor() throws IOException {
        JsonObject report = render(SampleProfiles.threeLevels(), MethodSort.TOTTIME);

        List<String> edges = new ArrayList<>();
        for (JsonElement e : report.getAsJsonArray("edges")) {
            JsonObject edge = e.getAsJsonObject();
            edges.add(edge.get("caller").getAsString() + " -> " + edge.get("callee").getAsString()
                    + " calls=" + edge.get("calls").getAsLong() + " total=" + edge.get("totalNanos").getAsLong());
        }
        assertThat(edges).containsExactly(
                "com.acme.App.main([Ljava/lang/String;)V -> com.acme.Service$Worker.handle(Ljava/lang/String;[J)I calls=5 total=8000000",
                "com.acme.Service$Worker.handle(Ljava/lang/String;[J)I -> com.acme.Parser.parse(I)Ljava/util/List; calls=200 total=4000000",
                "com.acme.App.main([Ljava/lang/String;)V -> com.acme.Parser.parse(I)Ljava/util/List; calls=100 total=1000000",
                "com.acme.Parser.parse(I)Ljava/util/List; -> com.acme.Parser.<init>()V calls=3 total=90");
    }

    @Test
    void edges_sum_the_calls_of_one_caller_callee_pair_over_every_calling_context() throws IOException {
        MethodRef a = new MethodRef("p.A", "a", "()V");
        MethodRef b = new MethodRef("p.B", "b", "()V");
        MethodRef c = new MethodRef("p.C", "c", "()V");
        CallTreeNode root = CallTreeNode.root();
        root.child(a).child(c).add(2, 20, 20);
        root.child(b).child(a).child(c).add(3, 30, 30);
        root.child(b).child(a).add(1, 40, 10);

        JsonObject report = render(new Profile(Map.of(), new LinkedHashMap<>(), root,
                Map.of(), Map.of(), List.of()), MethodSort.TOTTIME);

        JsonObject ac = null;
        for (JsonElement e : report.getAsJsonArray("edges")) {
            if (e.getAsJsonObject().get("caller").getAsString().equals("p.A.a()V")) {
                ac = e.getAsJsonObject();
            }
        }
        assertThat(ac).isNotNull();
        assertThat(ac.get("callee").getAsString()).isEqualTo("p.C.c()V");
        assertThat(ac.get("calls").getAsLong()).isEqualTo(5);
        assertThat(ac.get("totalNanos").getAsLong()).isEqualTo(50);
    }

    @Test
    void an_empty_profile_gives_empty_arrays() throws IOException {
        JsonObject report = render(SampleProfiles.empty(), MethodSort.TOTTIME);

        assertThat(report.get("hotline").getAsInt()).isEqualTo(1);
        assertThat(report.getAsJsonArray("methods")).isEmpty();
        assertThat(report.getAsJsonArray("edges")).isEmpty();
    }

    @Test
    void session_text_with_quotes_backslashes_and_non_ascii_survives_json_escaping() throws IOException {
        Map<String, String> session = new LinkedHashMap<>();
        session.put("command", "app \"quoted\" C:\\dir\\file\n\tZoë \uD83D\uDE00 </script>");
        Profile profile = new Profile(session, new LinkedHashMap<>(), CallTreeNode.root(), Map.of(), Map.of(), List.of());

        JsonObject report = render(profile, MethodSort.TOTTIME);

        assertThat(report.getAsJsonObject("session").get("command").getAsString()).isEqualTo(session.get("command"));
    }

    @Test
    void the_output_is_one_json_object_ending_in_a_line_separator() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new JsonReport(MethodSort.TOTTIME).render(SampleProfiles.threeLevels(), "sample.hotline", out);

        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").endsWith("}" + System.lineSeparator());
        assertThat(JsonParser.parseString(json).isJsonObject()).isTrue();
    }

    // --- helpers

    private static JsonObject render(Profile profile, MethodSort sort) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReport(sort).render(profile, "sample.hotline", out);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static JsonObject methodObject(JsonObject report, MethodRef ref) {
        for (JsonElement e : report.getAsJsonArray("methods")) {
            JsonObject m = e.getAsJsonObject();
            if (m.get("class").getAsString().equals(ref.className()) && m.get("method").getAsString().equals(ref.name())
                    && m.get("descriptor").getAsString().equals(ref.descriptor())) {
                return m;
            }
        }
        throw new AssertionError("no method object for " + ref);
    }

    private static List<String> methodNames(JsonObject report) {
        List<String> names = new ArrayList<>();
        JsonArray methods = report.getAsJsonArray("methods");
        for (JsonElement e : methods) {
            names.add(e.getAsJsonObject().get("method").getAsString());
        }
        return names;
    }
}
