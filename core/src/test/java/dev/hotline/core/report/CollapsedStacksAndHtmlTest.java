package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CollapsedStacksAndHtmlTest {

    @Test
    void collapsed_stacks_give_every_path_its_self_time() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CollapsedStacks().render(SampleProfiles.threeLevels(), "sample.hotline", out);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains(
                "com.acme.App.main 1000000",
                "com.acme.App.main;com.acme.Service$Worker.handle 3000000",
                "com.acme.App.main;com.acme.Service$Worker.handle;com.acme.Parser.parse 3950000",
                "com.acme.App.main;com.acme.Service$Worker.handle;com.acme.Parser.parse;com.acme.Parser.<init> 90",
                "com.acme.App.main;com.acme.Parser.parse 950000");
    }

    @Test
    void folded_stacks_mark_frames_with_folded_recursion_and_name_other_paths() {
        Profile profile = SampleProfiles.threeLevels();
        CallTreeNode handle = profile.callTree().child(SampleProfiles.MAIN).child(SampleProfiles.HANDLE);
        handle.addFolded(2);
        handle.otherPaths().add(4, 400, 400);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CollapsedStacks().render(profile, "sample.hotline", out);

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).contains(
                "com.acme.App.main;com.acme.Service$Worker.handle_[folded] 3000000",
                "com.acme.App.main;com.acme.Service$Worker.handle_[folded];(other_paths) 400");
    }

    @Test
    void the_html_report_is_one_page_with_the_table_the_flame_graph_and_plots() {
        Profile profile = SampleProfiles.threeLevels();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport(SourceLookup.of(null)).render(profile, "sample.hotline", out);
        String html = out.toString(StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>" + System.lineSeparator())
                .contains("id=\"method-table\"", "<svg id=\"flame\"", "class=\"chart\"", "com.acme.Parser.parse(int)")
                .doesNotContain("http://", "https://");
        // a box is as wide as its self time and its children's: boxes narrower than a third of a
        // pixel are left out: main, handle, parse under each remain, Parser.<init> (90 ns) does not
        assertThat(html.split("<g class=\"f\"", -1)).hasSize(5);
    }

    @Test
    void every_link_of_the_navigation_leads_to_a_heading_of_the_page() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport(SourceLookup.of(null)).render(SampleProfiles.threeLevels(), "sample.hotline", out);
        String html = out.toString(StandardCharsets.UTF_8);

        String nav = html.substring(html.indexOf("<nav>"), html.indexOf("</nav>"));
        Matcher link = Pattern.compile("href=\"#([^\"]+)\"").matcher(nav);
        List<String> targets = new ArrayList<>();
        while (link.find()) {
            targets.add(link.group(1));
        }
        assertThat(targets).containsExactly("methods", "flame-graph", "latency", "lines", "allocations");
        for (String target : targets) {
            assertThat(html).as("#%s", target).contains("<h2 id=\"" + target + "\"");
            assertThat(html.split("id=\"" + target + "\"", -1)).as("elements with id %s", target).hasSize(2);
        }
    }
}
