package dev.hotline.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/) for the field
 * kinds pprof's {@code profile.proto} uses: varints ({@code int64}, {@code uint64}, {@code bool}) and
 * length-delimited fields (strings, embedded messages, packed repeated varints). One message is
 * built in a growable buffer; an embedded message is built in its own writer and copied in with its
 * length, which the wire format puts before it.
 *
 * <p>Negative {@code int64} values take ten bytes, as the format prescribes (no zigzag: that is
 * {@code sint64}, which profile.proto does not use). Not thread-safe; reusable after {@link #reset}.
 */
final class ProtobufWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] bytes = new byte[256];
    private int size;
    /** Scratch space for packed fields, whose byte length must be known before their values. */
    private ProtobufWriter packed;

    /** A varint field; written even when 0 (proto3 writers may omit zeros; readers take both). */
    ProtobufWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A varint field left out when 0, the proto3 default a reader assumes for an absent field. */
    ProtobufWriter varintUnlessZero(int field, long value) {
        return value == 0 ? this : varint(field, value);
    }

    ProtobufWriter string(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        rawVarint(utf8.length);
        append(utf8, 0, utf8.length);
        return this;
    }

    /** An embedded message: {@code message}'s bytes with their length; {@code message} is unchanged. */
    ProtobufWriter message(int field, ProtobufWriter message) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(message.size);
        append(message.bytes, 0, message.size);
        return this;
    }

    /** A packed repeated varint field ({@code repeated int64} / {@code uint64}); nothing when empty. */
    ProtobufWriter packedVarints(int field, long[] values, int count) {
        if (count == 0) {
            return this;
        }
        if (packed == null) {
            packed = new ProtobufWriter();
        }
        packed.reset();
        for (int i = 0; i < count; i++) {
            packed.rawVarint(values[i]);
        }
        return message(field, packed);
    }

    int size() {
        return size;
    }

    ProtobufWriter reset() {
        size = 0;
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    /** Seven bits at a time, least significant first, the high bit set on every byte but the last. */
    private void rawVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    private void append(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
