package dev.hotline.core.dump;

import dev.hotline.core.profile.MethodProfile;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * Decodes a latency histogram of a dump (HdrHistogram's compressed V2 encoding) after checking the
 * header fields that size what the decoder allocates. HdrHistogram sizes its counts array and its
 * payload buffer from the header's value range and precision: a 40-byte histogram that claims 5
 * significant digits from 1 to {@code Long.MAX_VALUE} makes it allocate about 100 MB. hotline
 * writes 2 digits from 1 ns ({@link MethodProfile#SIGNIFICANT_DIGITS}), at most 60 KB decoded
 * whatever the range, so a header outside that is a corrupt dump, refused before anything is
 * allocated for it.
 */
final class EncodedHistogram {

    /** HdrHistogram's cookie bases (the low nibble holds the word size): V2 compressed, V2 plain. */
    private static final int COMPRESSED_V2_COOKIE_BASE = 0x1c849304;
    private static final int PLAIN_V2_COOKIE_BASE = 0x1c849303;
    /** cookie, payload length, normalizing offset, digits, lowest (long), highest (long), ratio (double) */
    private static final int PLAIN_HEADER_LENGTH = 40;
    /** The precision hotline has always written; one digit more makes the counts array 8 times as large. */
    private static final int MAX_SIGNIFICANT_DIGITS = MethodProfile.SIGNIFICANT_DIGITS;

    private EncodedHistogram() {
    }

    /**
     * The histogram {@code encoded} holds (an empty one for no bytes), auto-resizing.
     *
     * @param owner what the histogram belongs to, for the message
     */
    static Histogram decode(byte[] encoded, String owner) throws DumpFormatException {
        if (encoded.length == 0) {
            return MethodProfile.newHistogram();
        }
        String problem = headerProblem(encoded);
        if (problem != null) {
            throw new DumpFormatException("corrupt dump: the latency histogram of " + owner + " " + problem);
        }
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException | RuntimeException e) {
            throw new DumpFormatException("corrupt dump: the latency histogram of " + owner + " does not decode");
        }
    }

    /** What is wrong with the header, or null if decoding it allocates no more than hotline's own histograms need. */
    private static String headerProblem(byte[] encoded) {
        if (encoded.length < 8) {
            return "is cut short";
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        if ((in.getInt() & ~0xf0) != COMPRESSED_V2_COOKIE_BASE) {
            return "does not decode (not HdrHistogram's compressed encoding)";
        }
        int compressedLength = in.getInt();
        if (compressedLength < 0 || compressedLength > encoded.length - 8) {
            return "does not decode (its compressed length points past its bytes)";
        }
        byte[] header = new byte[PLAIN_HEADER_LENGTH];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(encoded, 8, compressedLength);
            if (inflater.inflate(header) < header.length) {
                return "does not decode (its header is cut short)";
            }
        } catch (DataFormatException e) {
            return "does not decode";
        } finally {
            inflater.end();
        }
        ByteBuffer plain = ByteBuffer.wrap(header);
        if ((plain.getInt() & ~0xf0) != PLAIN_V2_COOKIE_BASE) {
            return "does not decode (wrong inner cookie)";
        }
        plain.getInt(); // payload length: HdrHistogram caps it at what the counts array needs
        plain.getInt(); // normalizing index offset
        int digits = plain.getInt();
        long lowest = plain.getLong();
        if (digits < 0 || digits > MAX_SIGNIFICANT_DIGITS || lowest < 1) {
            return "claims a precision of " + digits + " significant digits from " + lowest
                    + " ns (hotline writes " + MethodProfile.SIGNIFICANT_DIGITS + " digits from 1 ns)";
        }
        return null;
    }
}
