package dev.hotline.core.compare;

import static dev.hotline.core.compare.TwoRuns.latencies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DiffFlameGraphPageTest {

    private static final Pattern BOX = Pattern.compile("<g class=\"f\"[^>]*><title>([^<]*)</title><rect [^>]*fill=\"([^\"]+)\"");

    /** Before: main -> step (1000 calls of 100 ns) and main -> legacy; after: step twice as slow, legacy gone, fresh new. */
    private static String page() {
        Profile before = TwoRuns.run(latencies(1000, 100_000, 10_000), TwoRuns.OLD);
        Profile after = TwoRuns.run(latencies(1000, 200_000, 10_000), TwoRuns.FRESH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DiffFlameGraphPage.render(before, "before.hotline", after, "after.hotline", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String[]> boxes(String html) {
        List<String[]> boxes = new ArrayList<>();
        Matcher m = BOX.matcher(html);
        while (m.find()) {
            boxes.add(new String[] {m.group(1), m.group(2)});
        }
        return boxes;
    }

    @Test
    void the_page_is_self_contained_with_the_flame_graph_its_zoom_and_its_hover_line() {
        String html = page();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg id=\"flame\"", "id=\"hover\"", "addEventListener('mouseover'",
                "before before.hotline", "after after.hotline").doesNotContain("http://", "https://", "<link", "src=");
    }

    @Test
    void every_box_of_the_second_runs_tree_is_coloured_by_its_change_and_its_tooltip_gives_both_runs_values() {
        List<String[]> boxes = boxes(page());

        assertThat(boxes).extracting(b -> b[0].substring(0, b[0].indexOf(" — ")))
                .containsExactlyInAnyOrder("com.acme.App.main(String[])", "com.acme.Work.step(int)", "com.acme.Work.fresh()");
        String[] step = boxes.stream().filter(b -> b[0].startsWith("com.acme.Work.step")).findFirst().orElseThrow();
        assertThat(step[0]).contains("per call 100 µs -&gt; 200 µs (+100%, slower, beyond noise)", "calls 1000 -&gt; 1000",
                "total 100 ms -&gt; 200 ms", "the method&#39;s p50, all paths:");
        assertThat(step[1]).isEqualTo(DiffFlameGraphPage.Colours.slower(1));
        String[] main = boxes.stream().filter(b -> b[0].startsWith("com.acme.App.main")).findFirst().orElseThrow();
        assertThat(main[0]).contains("not judged: fewer than 20 calls");
        assertThat(main[1]).isEqualTo(DiffFlameGraphPage.Colours.NOT_JUDGED);
        String[] fresh = boxes.stream().filter(b -> b[0].startsWith("com.acme.Work.fresh")).findFirst().orElseThrow();
        assertThat(fresh[0]).contains("new path: 1 calls");
        assertThat(fresh[1]).isEqualTo(DiffFlameGraphPage.Colours.NEW);
    }

    @Test
    void the_largest_change_is_listed_with_its_caller_and_the_path_that_is_gone_below_the_graph() {
        String html = page();

        String changes = html.substring(html.indexOf("id=\"changes\""), html.indexOf("id=\"gone\""));
        assertThat(changes).contains("+100 ms", "100 µs &rarr; 200 µs", "+100%", "com.acme.Work.step(int)", "com.acme.App.main(String[])");
        String gone = html.substring(html.indexOf("id=\"gone\""));
        assertThat(gone).contains("com.acme.Work.legacy()", "1.00 ms").doesNotContain("com.acme.Work.fresh()");
    }

    @Test
    void the_colour_deepens_with_the_change_and_is_full_at_twice_or_half_the_time() {
        assertThat(DiffFlameGraphPage.Colours.strength(1.0)).isEqualTo(1);
        assertThat(DiffFlameGraphPage.Colours.strength(-0.5)).isEqualTo(1);
        assertThat(DiffFlameGraphPage.Colours.strength(3.0)).isEqualTo(1);
        assertThat(DiffFlameGraphPage.Colours.strength(0.1)).isBetween(0.13, 0.14);
        assertThat(DiffFlameGraphPage.Colours.slower(0.1)).isNotEqualTo(DiffFlameGraphPage.Colours.slower(1));
    }
}
