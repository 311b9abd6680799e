package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {

    /** Two-, three- and four-byte characters, so that writes split them at every offset. */
    private static final String TEXT = "Zoë µs ✓ \uD83D\uDE00 ".repeat(2000);

    @Test
    void characters_split_between_writes_arrive_whole() throws IOException {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, 3, 5, 4096, 8191, 8192, 8193, bytes.length}) {
            StringWriter target = new StringWriter();
            try (WriterOutputStream out = new WriterOutputStream(target)) {
                for (int off = 0; off < bytes.length; off += chunk) {
                    out.write(bytes, off, Math.min(chunk, bytes.length - off));
                }
            }
            assertThat(target.toString()).as("writes of %d bytes", chunk).isEqualTo(TEXT);
        }
    }

    @Test
    void single_bytes_arrive_whole_and_flush_passes_them_on() throws IOException {
        StringWriter target = new StringWriter();
        WriterOutputStream out = new WriterOutputStream(target);
        for (byte b : "µ✓".getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
        out.flush();

        assertThat(target.toString()).isEqualTo("µ✓");
    }
}
