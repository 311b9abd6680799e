package dev.hotline.core.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hotline.core.profile.Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The dump reader under Jazzer, a coverage-guided fuzzer. By default (regression mode) each fuzz
 * test runs on the committed inputs in {@code src/test/resources/dev/hotline/core/dump/DumpReaderFuzzTestInputs}:
 * the seeds of {@link SeedDumps} and every input a fuzzing run found to fail. {@code JAZZER_FUZZ=1}
 * fuzzes one test for its {@code maxDuration} (the build's {@code fuzz-dump-reader} execution
 * does, with a small heap, so that an allocation sized by a length field fails it).
 */
class DumpReaderFuzzTest {

    /**
     * Every input either reads or is refused with a one-line {@link DumpFormatException}; nothing
     * else escapes. What reads can be written back and reads again the same.
     */
    @FuzzTest(maxDuration = "20s")
    void every_input_reads_or_is_refused_in_one_line(byte[] input) throws IOException {
        Profile profile;
        try {
            profile = DumpReader.read(new ByteArrayInputStream(input));
        } catch (DumpFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
            return;
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        DumpWriter.write(profile, again);
        Profile reread = DumpReader.read(new ByteArrayInputStream(again.toByteArray()));
        assertThat(reread.methods()).hasSameSizeAs(profile.methods());
        assertThat(reread.lines()).hasSameSizeAs(profile.lines());
        assertThat(reread.allocations()).hasSameSizeAs(profile.allocations());
        assertThat(reread.intervals()).hasSameSizeAs(profile.intervals());
    }
}
