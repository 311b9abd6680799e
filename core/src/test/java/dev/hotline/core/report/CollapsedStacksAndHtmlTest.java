package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void the_html_report_is_one_page_with_the_table_the_flame_graph_and_plots() {
        Profile profile = SampleProfiles.threeLevels();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport(SourceLookup.of(null)).render(profile, "sample.hotline", out);
        String html = out.toString(StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>" + System.lineSeparator())
                .contains("id=\"method-table\"", "<svg id=\"flame\"", "class=\"chart\"", "com.acme.Parser.parse(int)")
                .doesNotContain("http://", "https://");
        // boxes narrower than a third of a pixel are left out: main, handle and parse under handle remain
        assertThat(html.split("<g class=\"f\"", -1)).hasSize(4);
    }
}
