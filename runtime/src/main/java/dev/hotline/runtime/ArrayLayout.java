package dev.hotline.runtime;

/**
 * How big the JVM makes an array: where the elements start for each element size, the size of a
 * reference and the object alignment. The agent measures them once at start-up with
 * {@code Instrumentation.getObjectSize} and calls {@link #configure}; the defaults are HotSpot's on
 * 64 bits with compressed oops and compressed class pointers (16-byte header, 4-byte references,
 * 8-byte alignment).
 *
 * <p>Thread-safety: configured once before any probe runs; read-only afterwards.
 */
public final class ArrayLayout {

    /** Element offsets by element size: index 0 for references, 1, 2, 4, 8 for primitives. */
    private static volatile int[] base = {16, 16, 16, 0, 16, 0, 0, 0, 16};
    private static volatile int referenceBytes = 4;
    private static volatile int alignment = 8;

    private ArrayLayout() {
    }

    /**
     * @param bases element offsets for references and 1-, 2-, 4- and 8-byte elements, in that order
     */
    public static void configure(int[] bases, int reference, int align) {
        int[] b = new int[9];
        b[0] = bases[0];
        b[1] = bases[1];
        b[2] = bases[2];
        b[4] = bases[3];
        b[8] = bases[4];
        base = b;
        referenceBytes = reference;
        alignment = align;
    }

    /**
     * Shallow size of an array of {@code length} elements of {@code elementBytes} bytes each
     * (0 means a reference), as the JVM lays it out.
     */
    public static long arrayBytes(int length, int elementBytes) {
        long element = elementBytes == 0 ? referenceBytes : elementBytes;
        long raw = base[elementBytes] + element * length;
        long mask = alignment - 1;
        return (raw + mask) & ~mask;
    }
}
