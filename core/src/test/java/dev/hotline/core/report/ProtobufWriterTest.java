package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProtobufWriterTest {

    @Test
    void a_varint_field_is_its_tag_then_seven_bits_at_a_time_least_significant_first() {
        // the encoding guide's example: field 1 = 150 is 08 96 01
        assertThat(new ProtobufWriter().varint(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
        assertThat(new ProtobufWriter().varint(2, 0).toByteArray()).containsExactly(0x10, 0x00);
        assertThat(new ProtobufWriter().varint(16, 1).toByteArray()).as("a tag past 15 takes two bytes")
                .containsExactly(0x80, 0x01, 0x01);
    }

    @Test
    void a_negative_int64_takes_ten_bytes_as_protobuf_prescribes() {
        assertThat(new ProtobufWriter().varint(1, -1).toByteArray())
                .containsExactly(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    }

    @Test
    void zero_is_left_out_only_where_asked() {
        assertThat(new ProtobufWriter().varintUnlessZero(3, 0).toByteArray()).isEmpty();
        assertThat(new ProtobufWriter().varintUnlessZero(3, 7).toByteArray()).containsExactly(0x18, 0x07);
    }

    @Test
    void strings_are_utf8_with_their_byte_length_in_front() {
        // "µs" is 3 bytes in UTF-8
        assertThat(new ProtobufWriter().string(6, "µs").toByteArray()).containsExactly(0x32, 0x03, 0xC2, 0xB5, 0x73);
    }

    @Test
    void protobuf_javas_own_parser_reads_back_every_kind_of_field_written() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        long[] values = new long[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong() >> random.nextInt(64); // every magnitude, negative and positive
        }
        ProtobufWriter inner = new ProtobufWriter().varint(1, Long.MIN_VALUE).string(2, "Zoë ✓ \uD83D\uDE00");
        ProtobufWriter outer = new ProtobufWriter().packedVarints(1, values, values.length).message(2, inner)
                .varint(3, Long.MAX_VALUE).message(2, inner).packedVarints(4, values, 0);

        UnknownFieldSet parsed = UnknownFieldSet.parseFrom(outer.toByteArray());

        List<Long> packed = new ArrayList<>();
        CodedInputStream in = parsed.getField(1).getLengthDelimitedList().get(0).newCodedInput();
        while (!in.isAtEnd()) {
            packed.add(in.readInt64());
        }
        assertThat(packed).containsExactly(java.util.Arrays.stream(values).boxed().toArray(Long[]::new));
        assertThat(parsed.getField(2).getLengthDelimitedList()).hasSize(2);
        UnknownFieldSet message = UnknownFieldSet.parseFrom(parsed.getField(2).getLengthDelimitedList().get(1));
        assertThat(message.getField(1).getVarintList()).containsExactly(Long.MIN_VALUE);
        assertThat(message.getField(2).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("Zoë ✓ \uD83D\uDE00");
        assertThat(parsed.getField(3).getVarintList()).containsExactly(Long.MAX_VALUE);
        assertThat(parsed.hasField(4)).as("an empty packed field is left out").isFalse();
    }

    @Test
    void the_buffer_grows_past_its_first_size_and_resets_to_empty() throws IOException {
        ProtobufWriter writer = new ProtobufWriter();
        String big = "x".repeat(100_000);

        writer.string(1, big).string(1, big);

        CodedInputStream in = CodedInputStream.newInstance(writer.toByteArray());
        for (int i = 0; i < 2; i++) {
            assertThat(in.readTag()).isEqualTo(1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED);
            assertThat(in.readString()).isEqualTo(big);
        }
        assertThat(in.isAtEnd()).isTrue();
        assertThat(writer.reset().size()).isZero();
    }
}
