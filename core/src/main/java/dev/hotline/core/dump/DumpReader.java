package dev.hotline.core.dump;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads a dump into a {@link Profile}. Every malformed input ends in a {@link DumpFormatException}
 * whose message says what is wrong: not a dump, truncated, a newer major version, a corrupt block.
 */
public final class DumpReader {

    private DumpReader() {
    }

    public static Profile read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DumpFormatException(file + " is a directory, not a hotline dump");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, Files.size(file));
        }
    }

    public static Profile read(InputStream stream) throws IOException {
        return read(stream, Long.MAX_VALUE);
    }

    /**
     * @param size the stream's length if known, else {@code Long.MAX_VALUE}: a block whose length
     *             field claims more than the rest of the file is refused before it is read
     */
    private static Profile read(InputStream stream, long size) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[DumpFormat.MAGIC.length];
        int n = in.readNBytes(magic, 0, magic.length);
        if (n < magic.length || !Arrays.equals(magic, DumpFormat.MAGIC)) {
            throw new DumpFormatException(n == 0 ? "empty file, not a hotline dump" : "not a hotline dump (wrong magic bytes)");
        }
        int major;
        int minor;
        try {
            major = in.readUnsignedShort();
            minor = in.readUnsignedShort();
        } catch (EOFException e) {
            throw new DumpFormatException("truncated dump: it ends inside the header");
        }
        if (major != DumpFormat.major()) {
            throw new DumpFormatException("dump format version " + major + "." + minor + " is "
                    + (major > DumpFormat.major() ? "newer than" : "not readable by")
                    + " this hotline, which reads " + DumpFormat.major() + ".x; use a matching hotline to read it");
        }
        Map<String, String> session = new LinkedHashMap<>();
        List<MethodProfile> methods = new ArrayList<>();
        CallTreeNode tree = CallTreeNode.root();
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
        List<IntervalProfile> intervals = new ArrayList<>();
        List<LineProfile> timedLines = new ArrayList<>();
        boolean[] timing = new boolean[2]; // TIMING, LINE_TIMING seen
        List<CallTreeNode> treeNodes = List.of();
        long position = DumpFormat.MAGIC.length + 4;
        while (true) {
            int type;
            int length;
            byte[] payload;
            try {
                type = in.readUnsignedByte();
                length = in.readInt();
                if (length < 0) {
                    throw new DumpFormatException("corrupt dump: block 0x" + Integer.toHexString(type) + " has a negative length");
                }
                position += 5;
                if (length > size - position) {
                    throw new DumpFormatException("truncated dump: block 0x" + Integer.toHexString(type) + " claims "
                            + length + " bytes, but the file has " + Math.max(0, size - position) + " left");
                }
                position += length;
                payload = in.readNBytes(length);
            } catch (EOFException e) {
                throw new DumpFormatException("truncated dump: it ends before its end block (was the JVM killed while writing?)");
            }
            if (payload.length < length) {
                throw new DumpFormatException("truncated dump: block 0x" + Integer.toHexString(type) + " is cut short");
            }
            if (type == DumpFormat.BLOCK_END) {
                break;
            }
            DataInputStream block = new DataInputStream(new ByteArrayInputStream(payload));
            try {
                switch (type) {
                    case DumpFormat.BLOCK_SESSION -> readSession(block, session);
                    case DumpFormat.BLOCK_METHODS -> readMethods(block, methods);
                    case DumpFormat.BLOCK_CALL_TREE -> treeNodes = readCallTree(block, methods, tree);
                    case DumpFormat.BLOCK_CALL_TREE_FOLDS -> readFolds(block, treeNodes);
                    case DumpFormat.BLOCK_OFF_TREE_EDGES -> readOffTreeEdges(block, methods, tree);
                    case DumpFormat.BLOCK_LINES -> readLines(block, lines, timedLines);
                    case DumpFormat.BLOCK_TIMING -> timing[0] = readTiming(block, methods);
                    case DumpFormat.BLOCK_LINE_TIMING -> timing[1] = readLineTiming(block, timedLines);
                    case DumpFormat.BLOCK_LINE_HITS -> readLineHits(block, lines);
                    case DumpFormat.BLOCK_ALLOCATIONS -> readAllocations(block, allocations);
                    case DumpFormat.BLOCK_INTERVALS -> readIntervals(block, intervals);
                    default -> { } // a block of a newer minor version: skipped by design
                }
            } catch (EOFException | java.io.UTFDataFormatException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new DumpFormatException("corrupt dump: block 0x" + Integer.toHexString(type) + " does not parse ("
                        + whatFailed(e) + ")");
            }
        }
        if (!timing[0]) { // before 1.2 every call was timed and nothing was subtracted
            methods.forEach(m -> m.addTiming(m.calls(), m.totalNanos(), m.selfNanos()));
        }
        if (!timing[1]) {
            timedLines.forEach(l -> l.addTiming(l.hits(), l.totalNanos()));
        }
        Map<MethodRef, MethodProfile> byRef = new LinkedHashMap<>();
        for (MethodProfile m : methods) {
            if (m.calls() > 0) {
                byRef.put(m.method(), m);
            }
        }
        return new Profile(session, byRef, tree, lines, allocations, intervals);
    }

    /** A method's class, name and descriptor; a descriptor that is none makes the dump corrupt. */
    private static MethodRef readMethodRef(DataInputStream in) throws IOException {
        MethodRef ref = new MethodRef(in.readUTF(), in.readUTF(), in.readUTF());
        if (!MethodRef.isMethodDescriptor(ref.descriptor())) {
            throw new DumpFormatException("corrupt dump: method " + ref.className() + "." + ref.name()
                    + " has no valid descriptor");
        }
        return ref;
    }

    private static void readSession(DataInputStream in, Map<String, String> session) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            session.put(in.readUTF(), in.readUTF());
        }
    }

    private static void readMethods(DataInputStream in, List<MethodProfile> methods) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            MethodRef ref = readMethodRef(in);
            long calls = in.readLong();
            long exceptions = in.readLong();
            long total = in.readLong();
            long self = in.readLong();
            long min = in.readLong();
            long max = in.readLong();
            byte[] encoded = lengthPrefixed(in);
            Histogram histogram = EncodedHistogram.decode(encoded, ref.displayName());
            MethodProfile profile = new MethodProfile(ref, histogram);
            profile.add(calls, exceptions, total, self, min, max);
            methods.add(profile);
        }
    }

    /** What a parse failure says, in words rather than the exception's class name. */
    private static String whatFailed(Exception e) {
        if (e instanceof java.io.UTFDataFormatException) {
            return "a malformed string";
        }
        if (e instanceof EOFException) {
            return e.getMessage() == null ? "it ends inside an entry" : e.getMessage();
        }
        return e.getMessage() == null ? "a value out of range" : e.getMessage();
    }

    /** A length and that many bytes; a length past the end of the block is corrupt, not a short read. */
    private static byte[] lengthPrefixed(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) { // the block's payload is in memory: available() is exact
            throw new EOFException("a length of " + length + " points past the end of its block");
        }
        return in.readNBytes(length);
    }

    private static void readLineHits(DataInputStream in, Map<LineRef, LineProfile> lines) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            MethodRef method = readMethodRef(in);
            LineRef ref = new LineRef(method, in.readUTF(), in.readInt());
            LineProfile line = LineProfile.countedOnly(ref);
            line.add(in.readLong(), 0);
            lines.put(ref, line);
        }
    }

    private static boolean readTiming(DataInputStream in, List<MethodProfile> methods) throws IOException {
        int count = in.readInt();
        if (count != methods.size()) {
            throw new DumpFormatException("corrupt dump: TIMING has " + count + " entries for " + methods.size()
                    + " methods");
        }
        for (MethodProfile m : methods) {
            m.addTiming(in.readLong(), in.readLong(), in.readLong());
        }
        return true;
    }

    private static boolean readLineTiming(DataInputStream in, List<LineProfile> timedLines) throws IOException {
        int count = in.readInt();
        if (count != timedLines.size()) {
            throw new DumpFormatException("corrupt dump: LINE_TIMING has " + count + " entries for "
                    + timedLines.size() + " timed lines");
        }
        for (LineProfile line : timedLines) {
            line.addTiming(in.readLong(), in.readLong());
        }
        return true;
    }

    private static void readLines(DataInputStream in, Map<LineRef, LineProfile> lines, List<LineProfile> inOrder)
            throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            MethodRef method = readMethodRef(in);
            LineRef ref = new LineRef(method, in.readUTF(), in.readInt());
            long hits = in.readLong();
            long total = in.readLong();
            byte[] encoded = lengthPrefixed(in);
            LineProfile line = new LineProfile(ref, EncodedHistogram.decode(encoded, method.displayName() + " line " + ref.line()));
            line.add(hits, total);
            lines.put(ref, line);
            inOrder.add(line);
        }
    }

    private static void readAllocations(DataInputStream in, Map<AllocationSite, AllocationProfile> allocations)
            throws IOException {
        int count = in.readInt();
        AllocationSite.Kind[] kinds = AllocationSite.Kind.values();
        for (int i = 0; i < count; i++) {
            MethodRef method = readMethodRef(in);
            String file = in.readUTF();
            int line = in.readInt();
            String type = in.readUTF();
            int kind = in.readUnsignedByte();
            if (kind >= kinds.length) {
                throw new DumpFormatException("corrupt dump: allocation site kind " + kind + " is unknown");
            }
            AllocationSite site = new AllocationSite(method, file, line, type, kinds[kind]);
            allocations.computeIfAbsent(site, AllocationProfile::new).add(in.readLong(), in.readLong());
        }
    }

    private static void readIntervals(DataInputStream in, List<IntervalProfile> intervals) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            long start = in.readLong();
            long end = in.readLong();
            int methods = in.readInt();
            Map<String, byte[]> histograms = new LinkedHashMap<>();
            for (int m = 0; m < methods; m++) {
                String key = in.readUTF();
                byte[] encoded = lengthPrefixed(in);
                if (EncodedHistogram.decode(encoded, key).getTotalCount() > 0) { // decodes: checked, kept compressed
                    histograms.put(key, encoded);
                }
            }
            intervals.add(IntervalProfile.ofEncoded(start, end, histograms));
        }
    }

    private static List<CallTreeNode> readCallTree(DataInputStream in, List<MethodProfile> methods, CallTreeNode root)
            throws IOException {
        int count = in.readInt();
        List<CallTreeNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int parent = in.readInt();
            MethodRef method = methods.get(in.readInt()).method();
            CallTreeNode parentNode = parent < 0 ? root : nodes.get(parent);
            CallTreeNode node = parentNode.child(method);
            node.add(in.readLong(), in.readLong(), in.readLong());
            nodes.add(node);
        }
        return nodes;
    }

    /** CALL_TREE_FOLDS (1.3): folded calls per CALL_TREE node, by its index in that block. */
    private static void readFolds(DataInputStream in, List<CallTreeNode> nodes) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            nodes.get(in.readInt()).addFolded(in.readLong());
        }
    }

    /** OFF_TREE_EDGES (1.3): caller and callee by METHODS index, calls and inclusive nanos. */
    private static void readOffTreeEdges(DataInputStream in, List<MethodProfile> methods, CallTreeNode root)
            throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            MethodRef caller = methods.get(in.readInt()).method();
            MethodRef callee = methods.get(in.readInt()).method();
            root.addOffTreeEdge(caller, callee, in.readLong(), in.readLong());
        }
    }
}
