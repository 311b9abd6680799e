package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the reports show compensated, measured and sampled times. */
class CompensatedTimesReportTest {

    private static final MethodRef TINY = new MethodRef("com.acme.Tiny", "add", "(I)I");
    private static final MethodRef WORK = new MethodRef("com.acme.Work", "run", "()V");

    /** A dump of an agent that calibrated: tiny is sampled (1,000 of 1,000,000 calls timed), work exact. */
    private static Profile calibrated() {
        Map<String, String> session = new LinkedHashMap<>();
        session.put(SessionKeys.TIMING, "adaptive");
        session.put(SessionKeys.BUDGET_PERCENT, "5.0");
        for (int i = 0; i < SessionKeys.CALIBRATION_PS.size(); i++) {
            session.put(SessionKeys.CALIBRATION_PS.get(i), Long.toString(10_000L * (i + 1)));
        }
        session.put(SessionKeys.PROBE_COST_NANOS, "20000000");
        session.put(SessionKeys.TIMES_CLAMPED, "7");
        MethodProfile tiny = new MethodProfile(TINY);
        for (int i = 0; i < 1000; i++) {
            tiny.histogram().recordValueWithCount(5 + i % 10, 1000); // each sample stands for 1,000 calls
        }
        tiny.add(1_000_000, 0, 9_000_000, 9_000_000, 5, 14);
        tiny.addTiming(1_000, 29_000_000, 29_000_000);
        MethodProfile work = new MethodProfile(WORK);
        work.histogram().recordValue(50_000_000);
        work.add(1, 0, 50_000_000, 41_000_000, 50_000_000, 50_000_000);
        work.addTiming(1, 70_000_000, 41_000_000);
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(TINY, tiny);
        methods.put(WORK, work);
        return new Profile(session, methods, CallTreeNode.root(), Map.of(), Map.of(), List.of());
    }

    private static String render(ProfileRenderer renderer, Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(profile, "run.hotline", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_table_header_says_what_was_subtracted_in_all_and_per_call() throws IOException {
        String text = render(new MethodTableReport(MethodSort.TOTTIME, 0, false), calibrated());

        assertThat(text).contains("times are the program's own")
                .contains("20.0 ms in all (a timed call 20.0 ns, an untimed call 30.0 ns, a timed line 70.0 ns)")
                .contains("--raw shows them as measured")
                .contains("7 timed calls, lines or self times came out below zero");
    }

    @Test
    void a_sampled_method_is_marked_with_its_error_and_an_exact_one_is_not() throws IOException {
        String text = render(new MethodTableReport(MethodSort.TOTTIME, 0, false), calibrated());

        String tiny = text.lines().filter(l -> l.endsWith("com.acme.Tiny.add(int)")).findFirst().orElseThrow();
        String work = text.lines().filter(l -> l.endsWith("com.acme.Work.run()")).findFirst().orElseThrow();
        assertThat(tiny).contains("~9.00 ms").containsPattern("±\\d");
        assertThat(work).doesNotContain("~").doesNotContain("±");
        assertThat(text).contains("~ 1 methods timed at 1 in N calls").contains("budget 5.0%");
    }

    @Test
    void raw_shows_the_measured_times() throws IOException {
        String text = render(new MethodTableReport(MethodSort.TOTTIME, 0, true), calibrated());

        String work = text.lines().filter(l -> l.endsWith("com.acme.Work.run()")).findFirst().orElseThrow();
        assertThat(work.trim().split("\\s{2,}")).startsWith("1", "41.0 ms", "41.0 ms", "70.0 ms");
        assertThat(text).contains("times as measured (--raw)");
    }

    @Test
    void a_dump_without_calibration_says_its_times_include_the_probes() throws IOException {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        MethodProfile work = new MethodProfile(WORK);
        work.add(1, 0, 10, 10, 10, 10);
        methods.put(WORK, work);
        String text = render(new MethodTableReport(MethodSort.TOTTIME, 0, false),
                new Profile(Map.of(), methods, CallTreeNode.root(), Map.of(), Map.of(), List.of()));

        assertThat(text).contains("times as measured, the probes' own cost included (the dump has no calibration)");
        assertThat(text.lines().filter(l -> l.trim().startsWith("ncalls")).findFirst().orElseThrow())
                .as("no error column without sampled methods").doesNotContain("±");
    }

    @Test
    void json_carries_the_measured_times_the_overhead_and_how_each_method_was_timed() throws IOException {
        JsonObject json = JsonParser.parseString(render(new JsonReport(MethodSort.NAME), calibrated())).getAsJsonObject();

        JsonObject tiny = json.getAsJsonArray("methods").get(0).getAsJsonObject();
        assertThat(tiny.get("method").getAsString()).isEqualTo("add");
        assertThat(tiny.get("timing").getAsString()).isEqualTo("sampled");
        assertThat(tiny.get("timedCalls").getAsLong()).isEqualTo(1_000);
        assertThat(tiny.get("errorPercent").getAsDouble()).isPositive();
        assertThat(tiny.get("totalNanos").getAsLong()).isEqualTo(9_000_000);
        assertThat(tiny.get("measuredTotalNanos").getAsLong()).isEqualTo(29_000_000);
        assertThat(tiny.get("overheadNanos").getAsLong()).isEqualTo(20_000_000);
        JsonObject work = json.getAsJsonArray("methods").get(1).getAsJsonObject();
        assertThat(work.get("timing").getAsString()).isEqualTo("exact");
        assertThat(work.get("errorPercent").getAsDouble()).isZero();
        JsonObject timing = json.getAsJsonObject("timing");
        assertThat(timing.get("mode").getAsString()).isEqualTo("adaptive");
        assertThat(timing.get("calibrated").getAsBoolean()).isTrue();
        assertThat(timing.get("probeCostNanos").getAsLong()).isEqualTo(20_000_000);
        assertThat(timing.getAsJsonObject("costNanos").get("timedCall").getAsDouble()).isEqualTo(20.0);
    }

    @Test
    void the_error_of_a_sampled_estimate_shrinks_with_more_samples() {
        MethodProfile few = new MethodProfile(TINY);
        MethodProfile many = new MethodProfile(TINY);
        for (int i = 0; i < 100; i++) {
            few.histogram().recordValue(5 + i % 10);
        }
        for (int i = 0; i < 10_000; i++) {
            many.histogram().recordValue(5 + i % 10);
        }
        few.add(1_000_000, 0, 1, 1, 5, 14);
        few.addTiming(100, 1, 1);
        many.add(1_000_000, 0, 1, 1, 5, 14);
        many.addTiming(10_000, 1, 1);

        assertThat(few.relativeError()).isGreaterThan(5 * many.relativeError()).isPositive();
    }
}
