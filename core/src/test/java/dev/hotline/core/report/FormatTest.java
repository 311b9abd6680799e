package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import dev.hotline.core.profile.SessionKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FormatTest {

    @ParameterizedTest
    @EnumSource(Format.class)
    void every_format_renders_a_profile_through_the_one_seam_and_leaves_the_stream_open(Format format) throws IOException {
        ClosingWatch out = new ClosingWatch();

        format.renderer(ReportSettings.defaults()).render(SampleProfiles.threeLevels(), "sample.hotline", out);

        assertThat(out.size()).as("bytes of %s", format).isPositive();
        assertThat(out.closed).as("%s closed the stream", format).isFalse();
        if (!format.binary()) {
            // text formats write UTF-8 (a strict decoder throws on anything else)
            assertThat(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString())
                    .isNotBlank();
        }
    }

    @Test
    void text_shows_its_views_in_one_order_whatever_order_they_are_asked_in() throws IOException {
        ReportSettings settings = new ReportSettings(MethodSort.TOTTIME, 25, SourceLookup.of(null),
                EnumSet.of(ReportSettings.TextView.ALLOCATIONS, ReportSettings.TextView.LINES, ReportSettings.TextView.METHODS), null, false);

        String text = render(Format.TEXT, settings, SampleProfiles.threeLevels());

        int methods = text.indexOf("hotline report of sample.hotline");
        int lines = text.indexOf("No line data.");
        int allocations = text.indexOf("No allocation data.");
        assertThat(methods).isNotNegative().isLessThan(lines);
        assertThat(lines).isLessThan(allocations);
    }

    @Test
    void text_with_the_line_view_alone_has_no_method_table() throws IOException {
        ReportSettings settings = new ReportSettings(MethodSort.TOTTIME, 25, SourceLookup.of(null),
                EnumSet.of(ReportSettings.TextView.LINES), null, false);

        String text = render(Format.TEXT, settings, SampleProfiles.threeLevels());

        assertThat(text).startsWith("No line data.").doesNotContain("ncalls", "No allocation data");
    }

    @Test
    void the_hlog_is_read_back_by_hdrhistograms_log_reader_with_every_call() throws IOException {
        Profile base = SampleProfiles.threeLevels();
        Map<String, String> session = new LinkedHashMap<>(base.session());
        session.put(SessionKeys.START_EPOCH_MILLIS, "1700000000000");
        session.put(SessionKeys.END_EPOCH_MILLIS, "1700000002500");
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));
        Profile profile = new Profile(session, methods, base.callTree(), Map.of(), Map.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Format.HLOG.renderer(ReportSettings.defaults()).render(profile, "sample.hotline", out);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        Map<String, Long> counts = new HashMap<>();
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            counts.put(h.getTag(), ((Histogram) h).getTotalCount());
            assertThat(h.getStartTimeStamp()).isEqualTo(1700000000000L);
            assertThat(h.getEndTimeStamp()).isEqualTo(1700000002500L);
        }
        assertThat(counts).containsOnly(
                Map.entry(SampleProfiles.MAIN.key(), 1L), Map.entry(SampleProfiles.HANDLE.key(), 5L),
                Map.entry(SampleProfiles.PARSE.key(), 300L), Map.entry(SampleProfiles.INIT.key(), 3L));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("#hotline export of sample.hotline");
    }

    private static String render(Format format, ReportSettings settings, Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.renderer(settings).render(profile, "sample.hotline", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Remembers whether a renderer closed it: the caller owns the stream. */
    private static final class ClosingWatch extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
