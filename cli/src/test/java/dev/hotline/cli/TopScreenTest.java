package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import dev.hotline.core.probe.MethodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TopScreenTest {

    private static Profile profile(long parseCalls, long parseSelf, long handleCalls, long handleSelf, Histogram lastParse) {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(SampleProfiles.PARSE, SampleProfiles.method(SampleProfiles.PARSE, parseCalls, 0, parseSelf, parseSelf, new long[] {100}));
        methods.put(SampleProfiles.HANDLE, SampleProfiles.method(SampleProfiles.HANDLE, handleCalls, 0, handleSelf, handleSelf, new long[] {5000}));
        List<IntervalProfile> intervals = lastParse == null ? List.of()
                : List.of(new IntervalProfile(0, 1000, Map.of(SampleProfiles.PARSE.key(), lastParse)));
        return new Profile(Map.of(), methods, CallTreeNode.root(), Map.of(), Map.of(), intervals);
    }

    @Test
    void rows_rank_by_self_time_in_the_interval_not_since_the_attach_and_keep_the_totals() {
        Histogram last = MethodProfile.newHistogram();
        for (int i = 1; i <= 100; i++) {
            last.recordValue(i * 10L);
        }
        Profile before = profile(1000, 1_000_000, 10, 50_000_000, null);
        Profile now = profile(3000, 9_000_000, 11, 50_100_000, last);

        List<TopScreen.Row> rows = TopScreen.rows(before, now);

        assertThat(rows).extracting(TopScreen.Row::method).containsExactly("com.acme.Parser.parse", "com.acme.Service$Worker.handle");
        assertThat(rows.get(0)).satisfies(row -> {
            assertThat(row.calls()).isEqualTo(2000);
            assertThat(row.selfNanos()).isEqualTo(8_000_000);
            assertThat(row.totalCalls()).isEqualTo(3000);
            assertThat(row.p50Nanos()).as("from the last interval's histogram").isBetween(495L, 505L);
        });
        List<String> screen = TopScreen.lines("title", rows, 2.0, 1);
        assertThat(screen).hasSize(3);
        assertThat(screen.get(2)).startsWith(" 98.8%").contains("4.00 ms", "1000", "3000").endsWith("com.acme.Parser.parse");
    }

    @Test
    void a_method_without_calls_in_the_interval_is_left_out() {
        Profile same = profile(5, 10, 5, 10, null);

        assertThat(TopScreen.rows(same, same)).isEmpty();
        assertThat(TopScreen.lines("t", List.of(), 1, 20)).last().asString().contains("no calls");
    }
}
