package dev.hotline.core.dump;

/**
 * Constants of the dump file format; docs/dump-format.md is the specification.
 *
 * <pre>
 *   file  := magic(8) major(u2) minor(u2) block* end
 *   block := type(u1) length(u4) payload(length bytes)     -- a reader skips types it does not know
 *   end   := 0xFF 00000000
 * </pre>
 */
public final class DumpFormat {

    /** "HOTLINE" and a 0x1A byte (as PNG does, so a text-mode transfer that mangles it shows). */
    static final byte[] MAGIC = {'H', 'O', 'T', 'L', 'I', 'N', 'E', 0x1A};

    /**
     * Major version: a reader reads only its own (a different major changes the meaning of blocks). A method, not a constant, so that code compiled
     * against this class asks at run time instead of inlining the value (as JaCoCo does).
     */
    public static int major() {
        return 1;
    }

    /** Minor version: a higher one only adds blocks an older reader skips. */
    public static int minor() {
        return 3; // 1.1 added LINE_HITS, 1.2 TIMING and LINE_TIMING, 1.3 CALL_TREE_FOLDS and OFF_TREE_EDGES
    }

    static final int BLOCK_SESSION = 0x10;
    static final int BLOCK_METHODS = 0x20;
    static final int BLOCK_TIMING = 0x21;
    static final int BLOCK_CALL_TREE = 0x30;
    static final int BLOCK_CALL_TREE_FOLDS = 0x31;
    static final int BLOCK_OFF_TREE_EDGES = 0x32;
    static final int BLOCK_LINES = 0x40;
    static final int BLOCK_LINE_HITS = 0x41;
    static final int BLOCK_LINE_TIMING = 0x42;
    static final int BLOCK_ALLOCATIONS = 0x50;
    static final int BLOCK_INTERVALS = 0x60;
    static final int BLOCK_END = 0xFF;

    /** File name suffix of dumps. */
    public static final String SUFFIX = ".hotline";

    private DumpFormat() {
    }
}
