package dev.hotline.core.profile;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The latencies recorded in one interval of a run (agent option {@code interval=}): per method
 * (keyed {@code pkg.Cls.name(desc)}), a histogram of the calls that ended in the interval.
 *
 * <p>Held in HdrHistogram's compressed encoding, the dump's own, and decoded when asked for. An
 * agent keeps every interval of its run: decoded, an interval costs a counts array per method
 * (about 10 KB each, 10 MB an interval for a server's thousand methods), compressed some tens of
 * bytes. Immutable.
 */
public final class IntervalProfile {

    private final long startMillis;
    private final long endMillis;
    private final Map<String, byte[]> encoded;

    /** Encodes {@code histograms} (empty ones are left out). */
    public IntervalProfile(long startMillis, long endMillis, Map<String, Histogram> histograms) {
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        histograms.forEach((key, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                bytes.put(key, encode(histogram));
            }
        });
        this.encoded = Collections.unmodifiableMap(bytes);
    }

    private IntervalProfile(long startMillis, long endMillis, LinkedHashMap<String, byte[]> encoded) {
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.encoded = Collections.unmodifiableMap(encoded);
    }

    /**
     * An interval from histograms already in HdrHistogram's compressed encoding, as a dump holds
     * them; the caller has checked that each one decodes (the dump reader does).
     */
    public static IntervalProfile ofEncoded(long startMillis, long endMillis, Map<String, byte[]> encoded) {
        return new IntervalProfile(startMillis, endMillis, new LinkedHashMap<>(encoded));
    }

    public long startMillis() {
        return startMillis;
    }

    public long endMillis() {
        return endMillis;
    }

    /** How many methods have calls in this interval. */
    public int size() {
        return encoded.size();
    }

    /** The histogram of one method in this interval, decoded; null if it had no call that ended in it. */
    public Histogram histogram(String key) {
        byte[] bytes = encoded.get(key);
        return bytes == null ? null : decode(bytes);
    }

    /** Every method's histogram, decoded (a new map each call: ask {@link #histogram} for one). */
    public Map<String, Histogram> histograms() {
        Map<String, Histogram> decoded = new LinkedHashMap<>();
        encoded.forEach((key, bytes) -> decoded.put(key, decode(bytes)));
        return decoded;
    }

    /** Every method's histogram in HdrHistogram's compressed encoding, as the dump writes it. */
    public Map<String, byte[]> encoded() {
        return encoded;
    }

    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /** Decodes what {@link #encode} made (or a dump reader checked). */
    public static Histogram decode(byte[] bytes) {
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException e) {
            throw new IllegalStateException("an interval histogram that was checked does not decode", e);
        }
    }
}
