package dev.hotline.runtime;

/**
 * How big the JVM makes an array: header, reference size and object alignment. The agent measures
 * them once at start-up with {@code Instrumentation.getObjectSize} and calls {@link #configure};
 * the defaults are HotSpot's on 64 bits with compressed oops and class pointers.
 *
 * <p>Thread-safety: configured once before any probe runs; read-only afterwards.
 */
public final class ArrayLayout {

    private static volatile int headerBytes = 16;
    private static volatile int referenceBytes = 4;
    private static volatile int alignment = 8;

    private ArrayLayout() {
    }

    public static void configure(int header, int reference, int align) {
        headerBytes = header;
        referenceBytes = reference;
        alignment = align;
    }

    /**
     * Shallow size of an array of {@code length} elements of {@code elementBytes} bytes each
     * (0 means a reference), as the JVM lays it out.
     */
    public static long arrayBytes(int length, int elementBytes) {
        long element = elementBytes == 0 ? referenceBytes : elementBytes;
        long raw = headerBytes + element * length;
        long mask = alignment - 1;
        return (raw + mask) & ~mask;
    }

    public static int referenceBytes() {
        return referenceBytes;
    }
}
