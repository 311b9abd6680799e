package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.LineProfile;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text line tables and the HTML line view: the same rows from one loop. */
class LineTablesTest {

    private static final MethodRef TIMED = new MethodRef("com.acme.Parser", "parse", "(I)Ljava/util/List;");
    private static final MethodRef COUNTED = new MethodRef("com.acme.Counter", "tally", "()V");

    /** parse: lines 10 (1 hit, 100 ns), 12 (3 hits, 300 ns), 13 (4 hits, 600 ns); tally: 20 (1 hit), 22 (3 hits), counted only. */
    private static Profile withLines() {
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        timed(lines, 13, 4, 600);
        timed(lines, 10, 1, 100);
        timed(lines, 12, 3, 300);
        counted(lines, 22, 3);
        counted(lines, 20, 1);
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));
        return new Profile(base.session(), methods, base.callTree(), lines, Map.of(), List.of());
    }

    private static void timed(Map<LineRef, LineProfile> lines, int line, long hits, long nanos) {
        LineRef ref = new LineRef(TIMED, "com/acme/Parser.java", line);
        LineProfile profile = new LineProfile(ref);
        profile.add(hits, nanos);
        for (int i = 0; i < hits; i++) {
            profile.histogram().recordValue(nanos / hits);
        }
        lines.put(ref, profile);
    }

    private static void counted(Map<LineRef, LineProfile> lines, int line, long hits) {
        LineRef ref = new LineRef(COUNTED, "com/acme/Counter.java", line);
        LineProfile profile = LineProfile.countedOnly(ref);
        profile.add(hits, 0);
        lines.put(ref, profile);
    }

    @Test
    void rows_run_from_the_first_to_the_last_line_with_each_lines_share() {
        List<MethodLines> methods = MethodLines.of(withLines().lines());

        assertThat(methods).extracting(MethodLines::method).containsExactly(COUNTED, TIMED); // by key: Counter < Parser
        MethodLines parse = methods.get(1);
        assertThat(parse.timed()).isTrue();
        assertThat(parse.total()).isEqualTo(1000);
        assertThat(parse.rows()).extracting(MethodLines.Row::number).containsExactly(10, 11, 12, 13);
        assertThat(parse.rows()).extracting(MethodLines.Row::share).containsExactly(0.1, 0.0, 0.3, 0.6);
        assertThat(parse.rows().get(1).line()).isNull();
        MethodLines tally = methods.get(0);
        assertThat(tally.timed()).isFalse();
        assertThat(tally.total()).as("hits").isEqualTo(4);
        assertThat(tally.rows()).extracting(MethodLines.Row::share).containsExactly(0.25, 0.0, 0.75);
    }

    @Test
    void the_text_tables_and_the_html_view_show_the_same_percentages() throws IOException {
        Profile profile = withLines();
        String text = render(new LineReport(null, SourceLookup.of(null)), profile);
        String html = render(new HtmlReport(SourceLookup.of(null)), profile);

        List<String> textPercent = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher m = Pattern.compile("^\\s+(\\d+)\\s+\\d+\\s+\\S+(?: \\S+)?\\s+\\S+(?: \\S+)?\\s+(\\d+\\.\\d)\\s").matcher(line);
            if (m.find()) {
                textPercent.add(m.group(1) + ":" + m.group(2));
            }
        }
        List<String> htmlPercent = new ArrayList<>();
        Matcher row = Pattern.compile("<tr><td>(\\d+)</td><td>\\d+</td>.*?<td style=\"background:[^\"]*\">([\\d.]+)</td>").matcher(html);
        while (row.find()) {
            htmlPercent.add(row.group(1) + ":" + row.group(2));
        }
        assertThat(textPercent).containsExactlyInAnyOrder("10:10.0", "12:30.0", "13:60.0", "20:25.0", "22:75.0");
        assertThat(htmlPercent).containsExactlyInAnyOrderElementsOf(textPercent);
        assertThat(text.indexOf("Method: com.acme.Parser.parse(int)")).as("most line time first")
                .isLessThan(text.indexOf("Method: com.acme.Counter.tally()"));
        assertThat(text).contains("Hits only (linehits=)");
        assertThat(html).contains("hits only, not timed");
    }

    @Test
    void lines_adding_up_to_more_than_their_methods_total_are_said_to_be_probe_noise() throws IOException {
        // parse's total is 5 ms (SampleProfiles): lines of 1 µs in all say nothing, lines of 12 ms do
        String fine = render(new LineReport(null, SourceLookup.of(null)), withLines());
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        timed(lines, 10, 1_000_000, 12_000_000);
        Profile base = withLines();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));
        String inflated = render(new LineReport(null, SourceLookup.of(null)),
                new Profile(base.session(), methods, base.callTree(), lines, Map.of(), List.of()));

        assertThat(fine).doesNotContain("more than the method's own total");
        assertThat(inflated).contains("Note: the lines add up to more than the method's own total (5.00 ms)");
        assertThat(render(new HtmlReport(SourceLookup.of(null)), new Profile(base.session(), methods, base.callTree(),
                lines, Map.of(), List.of()))).contains("<p class=\"note\">Note: the lines add up to more than");
    }

    private static String render(ProfileRenderer renderer, Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(profile, "lines.hotline", out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
