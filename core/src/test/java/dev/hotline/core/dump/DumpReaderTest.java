package dev.hotline.core.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpReaderTest {

    private static final int HEADER_LENGTH = DumpFormat.MAGIC.length + 4;
    private static final int END_BLOCK_LENGTH = 5;

    @TempDir
    Path dir;

    @Test
    void an_empty_file_is_reported_as_empty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.hotline"));

        assertThatThrownBy(() -> DumpReader.read(empty))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("empty file");
    }

    @Test
    void a_text_file_is_reported_as_not_a_dump() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "these are not the bytes you are looking for\n");

        assertThatThrownBy(() -> DumpReader.read(text))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("not a hotline dump")
                .hasMessageContaining("magic");
    }

    @Test
    void a_zip_file_is_reported_as_not_a_dump() {
        byte[] zipHeader = {'P', 'K', 3, 4, 20, 0, 8, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(readFailure(zipHeader))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("not a hotline dump")
                .hasMessageContaining("magic");
    }

    @Test
    void a_dump_whose_magic_differs_in_the_last_byte_is_not_a_dump() throws IOException {
        byte[] bytes = valid();
        bytes[DumpFormat.MAGIC.length - 1] = '\n'; // the 0x1A byte mangled, as a text-mode transfer might

        assertThat(readFailure(bytes)).isInstanceOf(DumpFormatException.class).hasMessageContaining("not a hotline dump");
    }

    @Test
    void a_dump_truncated_at_any_length_is_reported_as_a_format_problem() throws IOException {
        byte[] bytes = valid();

        for (int length = 0; length < bytes.length; length++) {
            Throwable thrown = readFailure(Arrays.copyOf(bytes, length));

            assertThat(thrown).as("dump cut to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(DumpFormatException.class);
            if (length == 0) {
                assertThat(thrown).hasMessageContaining("empty file");
            } else if (length < DumpFormat.MAGIC.length) {
                assertThat(thrown).as("dump cut to %d bytes", length).message()
                        .containsAnyOf("not a hotline dump", "truncated");
            } else {
                assertThat(thrown).as("dump cut to %d bytes", length).hasMessageContaining("truncated");
            }
        }
    }

    @Test
    void a_dump_without_its_end_block_is_reported_as_truncated() throws IOException {
        byte[] bytes = valid();

        assertThat(readFailure(Arrays.copyOf(bytes, bytes.length - END_BLOCK_LENGTH)))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("end block");
    }

    @Test
    void a_newer_major_version_is_refused_with_both_versions_named() throws IOException {
        int newer = DumpFormat.major() + 1;
        byte[] bytes = valid();
        bytes[8] = (byte) (newer >>> 8);
        bytes[9] = (byte) newer;
        bytes[10] = 0;
        bytes[11] = 3;

        assertThat(readFailure(bytes))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("version " + newer + ".3")
                .hasMessageContaining("newer")
                .hasMessageContaining("reads " + DumpFormat.major() + ".");
    }

    @Test
    void an_older_major_version_is_refused_with_both_versions_named() throws IOException {
        byte[] bytes = valid();
        bytes[8] = 0;
        bytes[9] = 0;

        assertThat(readFailure(bytes))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("version 0.")
                .hasMessageContaining("reads " + DumpFormat.major() + ".");
    }

    @Test
    void a_newer_minor_version_of_the_same_major_reads() throws IOException {
        byte[] bytes = valid();
        bytes[10] = (byte) 0x7F;
        bytes[11] = (byte) 0xFF;

        Profile read = DumpReader.read(new ByteArrayInputStream(bytes));

        assertThat(read.methods()).hasSize(SampleProfiles.threeLevels().methods().size());
    }

    @Test
    void an_unknown_block_before_the_end_block_is_skipped_and_the_rest_reads() throws IOException {
        byte[] bytes = valid();
        byte[] unknown = block(0x7E, "a block from a newer minor version".getBytes(StandardCharsets.UTF_8));
        byte[] patched = splice(bytes, bytes.length - END_BLOCK_LENGTH, unknown);

        Profile read = DumpReader.read(new ByteArrayInputStream(patched));

        assertSameContent(read, DumpReader.read(new ByteArrayInputStream(bytes)));
    }

    @Test
    void unknown_blocks_before_the_known_ones_and_empty_unknown_blocks_are_skipped() throws IOException {
        byte[] bytes = valid();
        byte[] unknown = concat(block(0x01, new byte[] {(byte) 0xFF, 0, 0, 0, 0}), block(0x7F, new byte[0]));
        byte[] patched = splice(bytes, HEADER_LENGTH, unknown);

        Profile read = DumpReader.read(new ByteArrayInputStream(patched));

        assertSameContent(read, DumpReader.read(new ByteArrayInputStream(bytes)));
    }

    @Test
    void bytes_after_the_end_block_are_ignored() throws IOException {
        byte[] bytes = valid();

        Profile read = DumpReader.read(new ByteArrayInputStream(concat(bytes, "trailing".getBytes(StandardCharsets.US_ASCII))));

        assertSameContent(read, DumpReader.read(new ByteArrayInputStream(bytes)));
    }

    @Test
    void a_histogram_that_does_not_decode_is_reported_with_its_method() throws IOException {
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0x5A);

        assertThat(readFailure(dump(methodsBlock(garbage))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("corrupt dump")
                .hasMessageContaining("histogram")
                .hasMessageContaining("com.acme.Parser.parse(int)");
    }

    @Test
    void a_histogram_cut_short_inside_its_compressed_data_is_reported_as_corrupt() throws IOException {
        byte[] encoded = encodedHistogram();

        assertThat(readFailure(dump(methodsBlock(Arrays.copyOf(encoded, encoded.length / 2)))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("histogram");
    }

    @Test
    void a_histogram_whose_compressed_length_field_points_past_its_bytes_is_reported_as_corrupt() throws IOException {
        byte[] encoded = encodedHistogram();
        ByteBuffer.wrap(encoded).putInt(4, Integer.MAX_VALUE);

        assertThat(readFailure(dump(methodsBlock(encoded))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("histogram");
    }

    @Test
    void every_single_byte_corruption_of_a_histogram_either_reads_or_is_a_format_problem() throws IOException {
        byte[] encoded = encodedHistogram();

        for (int i = 0; i < encoded.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] corrupt = encoded.clone();
                corrupt[i] ^= (byte) flip;
                Throwable thrown = readFailure(dump(methodsBlock(corrupt)));
                assertThat(thrown).as("histogram byte %d xor 0x%x", i, flip)
                        .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DumpFormatException.class));
            }
        }
    }

    @Test
    void every_single_byte_corruption_of_a_dump_either_reads_or_is_a_format_problem() throws IOException {
        byte[] bytes = valid();

        for (int i = 0; i < bytes.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] corrupt = bytes.clone();
                corrupt[i] ^= (byte) flip;
                Throwable thrown = readFailure(corrupt);
                assertThat(thrown).as("dump byte %d of %d xor 0x%x", i, bytes.length, flip)
                        .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DumpFormatException.class));
            }
        }
    }

    @Test
    void a_malformed_string_in_the_session_block_is_reported_as_corrupt() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeInt(1);
        out.writeShort(2);
        out.write(new byte[] {(byte) 0xC3, (byte) 0x41}); // a two-byte sequence whose second byte is not 10xxxxxx
        out.writeUTF("value");
        out.flush();

        assertThat(readFailure(dump(block(DumpFormat.BLOCK_SESSION, payload.toByteArray()))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("corrupt dump")
                .hasMessageContaining("0x10");
    }

    @Test
    void a_block_with_a_negative_length_is_reported_as_corrupt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = header(bytes);
        out.writeByte(DumpFormat.BLOCK_SESSION);
        out.writeInt(-1);

        assertThat(readFailure(bytes.toByteArray()))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("corrupt dump")
                .hasMessageContaining("negative length");
    }

    @Test
    void a_methods_block_shorter_than_its_contents_is_reported_as_corrupt() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeInt(3); // three methods announced, none follows
        out.flush();

        assertThat(readFailure(dump(block(DumpFormat.BLOCK_METHODS, payload.toByteArray()))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("corrupt dump")
                .hasMessageContaining("0x20");
    }

    @Test
    void a_call_tree_naming_a_method_that_is_not_in_the_dump_is_reported_as_corrupt() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeInt(1);
        out.writeInt(-1); // parent: the root
        out.writeInt(5); // method index 5 of a dump without methods
        out.writeLong(1);
        out.writeLong(1);
        out.writeLong(1);
        out.flush();

        assertThat(readFailure(dump(block(DumpFormat.BLOCK_CALL_TREE, payload.toByteArray()))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("corrupt dump")
                .hasMessageContaining("0x30");
    }

    @Test
    void a_call_tree_node_whose_parent_comes_later_is_reported_as_corrupt() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeInt(1);
        out.writeInt(3); // parent: a node not read yet
        out.writeInt(0);
        out.writeLong(1);
        out.writeLong(1);
        out.writeLong(1);
        out.flush();

        assertThat(readFailure(dump(methodsBlock(encodedHistogram()), block(DumpFormat.BLOCK_CALL_TREE, payload.toByteArray()))))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("corrupt dump")
                .hasMessageContaining("0x30");
    }

    @Test
    void text_from_the_file_in_a_message_is_kept_on_one_line_and_short() {
        String message = new DumpFormatException("corrupt dump: bad descriptor (\n" + "x".repeat(10_000) + "\u2028)").getMessage();

        assertThat(message).startsWith("corrupt dump: bad descriptor (\\nxxx").doesNotContain("\n").endsWith("...")
                .hasSizeLessThan(DumpFormatException.MAX_LENGTH + 10);
    }

    @Test
    void a_directory_is_reported_as_not_a_dump() {
        assertThatThrownBy(() -> DumpReader.read(dir))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void a_missing_file_is_reported_as_no_such_file() {
        Path missing = dir.resolve("missing.hotline");

        assertThatThrownBy(() -> DumpReader.read(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.hotline");
    }

    @Test
    void a_hand_built_dump_with_only_a_methods_block_reads() throws IOException {
        Profile read = DumpReader.read(new ByteArrayInputStream(dump(methodsBlock(encodedHistogram()))));

        MethodProfile parse = read.method(SampleProfiles.PARSE);
        assertThat(parse.calls()).isEqualTo(3);
        assertThat(parse.histogram().getTotalCount()).isEqualTo(3);
        assertThat(read.session()).isEmpty();
        assertThat(read.callTree().children()).isEmpty();
    }

    // --- helpers

    private static byte[] valid() throws IOException {
        return DumpRoundTripTest.bytes(SampleProfiles.threeLevels());
    }

    /** What reading {@code bytes} throws, or null if it reads. */
    private static Throwable readFailure(byte[] bytes) {
        return catchThrowable(() -> DumpReader.read(new ByteArrayInputStream(bytes)));
    }

    private static void assertSameContent(Profile actual, Profile expected) {
        assertThat(actual.session()).containsExactlyEntriesOf(expected.session());
        assertThat(actual.methods()).extracting(MethodProfile::method)
                .containsExactlyElementsOf(expected.methods().stream().map(MethodProfile::method).toList());
        for (MethodProfile m : expected.methods()) {
            MethodProfile a = actual.method(m.method());
            assertThat(a.calls()).isEqualTo(m.calls());
            assertThat(a.totalNanos()).isEqualTo(m.totalNanos());
            assertThat(a.histogram()).isEqualTo(m.histogram());
        }
        assertThat(actual.edges()).isEqualTo(expected.edges());
    }

    private static DataOutputStream header(ByteArrayOutputStream bytes) throws IOException {
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(DumpFormat.MAGIC);
        out.writeShort(DumpFormat.major());
        out.writeShort(DumpFormat.minor());
        return out;
    }

    /** A complete dump: header, the given blocks, the end block. */
    private static byte[] dump(byte[]... blocks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = header(bytes);
        for (byte[] block : blocks) {
            out.write(block);
        }
        out.writeByte(DumpFormat.BLOCK_END);
        out.writeInt(0);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] block(int type, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(type);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        return bytes.toByteArray();
    }

    /** A methods block with one method, {@link SampleProfiles#PARSE} called 3 times, with the given histogram bytes. */
    private static byte[] methodsBlock(byte[] histogram) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeInt(1);
        out.writeUTF(SampleProfiles.PARSE.className());
        out.writeUTF(SampleProfiles.PARSE.name());
        out.writeUTF(SampleProfiles.PARSE.descriptor());
        out.writeLong(3); // calls
        out.writeLong(0); // exceptions
        out.writeLong(600); // total
        out.writeLong(600); // self
        out.writeLong(100); // min
        out.writeLong(300); // max
        out.writeInt(histogram.length);
        out.write(histogram);
        out.flush();
        return block(DumpFormat.BLOCK_METHODS, payload.toByteArray());
    }

    /** The compressed encoding of a histogram of 100, 200 and 300 ns. */
    private static byte[] encodedHistogram() {
        Histogram histogram = MethodProfile.newHistogram();
        histogram.recordValue(100);
        histogram.recordValue(200);
        histogram.recordValue(300);
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, b);
    }
}
