package dev.hotline.core.dump;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Writes a {@link Profile} as a dump (format in {@link DumpFormat}). */
public final class DumpWriter {

    private DumpWriter() {
    }

    /**
     * Writes atomically: into a temporary file beside {@code target}, then renamed over it, so a
     * reader sees the old dump or the new one, never half of one. The file is readable by its owner
     * only (where the file system has POSIX permissions).
     */
    public static void writeAtomically(Profile profile, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // A unique name from pid, thread and clock, not Files.createTempFile: its SecureRandom
        // seeding opens sockets (seen on JDK 17), and the agent writes dumps inside the host.
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + "." + System.nanoTime() + ".tmp");
        try {
            // java.io, not Files.newOutputStream or Files.createFile: on JDK 17 a file channel's first
            // use makes the JDK keep a socket pair open (its pre-close descriptor) in the host process.
            // The empty file is made owner-only before any byte is written.
            try (RandomAccessFile file = new RandomAccessFile(temp.toFile(), "rw")) {
                file.setLength(0); // "rw" keeps what a file of that name held
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                }
                FileBlocks blocks = new FileBlocks(file);
                write(profile, blocks);
                blocks.out().flush();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes to {@code stream}; each block is held in memory until it is complete (its length comes
     * first). {@link #writeAtomically} needs no such buffer: it writes blocks straight to the file.
     */
    public static void write(Profile profile, OutputStream stream) throws IOException {
        StreamBlocks blocks = new StreamBlocks(new DataOutputStream(stream));
        write(profile, blocks);
        blocks.out().flush();
    }

    /**
     * Writes every block in a memory that does not grow with the profile's latencies: one method's
     * or line's histogram at a time is made and encoded (a captured profile still keeps them in the
     * runtime: {@code MethodProfile.deferred}), and where {@code blocks} writes to a file, no block
     * is held whole.
     */
    private static void write(Profile profile, Blocks blocks) throws IOException {
        DataOutputStream out = blocks.out();
        Encoder encoder = new Encoder();
        out.write(DumpFormat.MAGIC);
        out.writeShort(DumpFormat.major());
        out.writeShort(DumpFormat.minor());

        blocks.write(DumpFormat.BLOCK_SESSION, payload -> {
            payload.writeInt(profile.session().size());
            for (Map.Entry<String, String> fact : profile.session().entrySet()) {
                payload.writeUTF(limit(fact.getKey()));
                payload.writeUTF(limit(fact.getValue()));
            }
        });

        // Methods with calls, then methods that appear only in the call tree (calls still open).
        Map<MethodRef, Integer> index = new LinkedHashMap<>();
        List<MethodProfile> methods = new ArrayList<>(profile.methods());
        methods.forEach(m -> index.put(m.method(), index.size()));
        addTreeMethods(profile.callTree(), index, methods);
        for (List<MethodRef> pair : profile.callTree().offTreeEdges().keySet()) {
            for (MethodRef m : pair) {
                if (!index.containsKey(m)) {
                    index.put(m, index.size());
                    methods.add(new MethodProfile(m));
                }
            }
        }
        blocks.write(DumpFormat.BLOCK_METHODS, payload -> {
            payload.writeInt(methods.size());
            for (MethodProfile m : methods) {
                payload.writeUTF(m.method().className());
                payload.writeUTF(m.method().name());
                payload.writeUTF(m.method().descriptor());
                payload.writeLong(m.calls());
                payload.writeLong(m.exceptions());
                payload.writeLong(m.totalNanos());
                payload.writeLong(m.selfNanos());
                payload.writeLong(m.minNanos());
                payload.writeLong(m.maxNanos());
                encoder.write(m.latenciesOnce(encoder::scratch), payload);
            }
        });

        // 1.2: how each METHODS entry was timed, in the same order (a 1.1 reader skips the block)
        blocks.write(DumpFormat.BLOCK_TIMING, payload -> {
            payload.writeInt(methods.size());
            for (MethodProfile m : methods) {
                payload.writeLong(m.timedCalls());
                payload.writeLong(m.measuredTotalNanos());
                payload.writeLong(m.measuredSelfNanos());
            }
        });

        // the tree is walked in the same pre-order three times (counts, nodes, folds) rather than
        // listed: a list would cost as much again as the tree
        CallTreeNode tree = profile.callTree();
        int[] nodes = {0};
        int[] foldedNodes = {0};
        preorder(tree, (node, at, parent) -> {
            nodes[0]++;
            foldedNodes[0] += node.foldedCalls() > 0 ? 1 : 0;
        });
        blocks.write(DumpFormat.BLOCK_CALL_TREE, payload -> {
            payload.writeInt(nodes[0]);
            preorder(tree, (node, at, parent) -> {
                payload.writeInt(parent);
                payload.writeInt(index.get(node.method()));
                payload.writeLong(node.calls());
                payload.writeLong(node.totalNanos());
                payload.writeLong(node.selfNanos());
            });
        });

        // 1.3: the recursive calls folded into CALL_TREE nodes, and the edges of the calls off the
        // tree's edges (folded, or past the node limit); a 1.2 reader skips both
        blocks.write(DumpFormat.BLOCK_CALL_TREE_FOLDS, payload -> {
            payload.writeInt(foldedNodes[0]);
            preorder(tree, (node, at, parent) -> {
                if (node.foldedCalls() > 0) {
                    payload.writeInt(at);
                    payload.writeLong(node.foldedCalls());
                }
            });
        });
        blocks.write(DumpFormat.BLOCK_OFF_TREE_EDGES, payload -> {
            Map<List<MethodRef>, long[]> edges = profile.callTree().offTreeEdges();
            payload.writeInt(edges.size());
            for (Map.Entry<List<MethodRef>, long[]> e : edges.entrySet()) {
                payload.writeInt(index.get(e.getKey().get(0)));
                payload.writeInt(index.get(e.getKey().get(1)));
                payload.writeLong(e.getValue()[0]);
                payload.writeLong(e.getValue()[1]);
            }
        });

        List<LineProfile> lines = profile.lines().stream().filter(LineProfile::timed).toList();
        List<LineProfile> countedLines = profile.lines().stream().filter(l -> !l.timed()).toList();
        // Lines name their method in full (not by METHODS index): a line can run in a call that
        // had not ended when the dump was written.
        blocks.write(DumpFormat.BLOCK_LINES, payload -> {
            payload.writeInt(lines.size());
            for (LineProfile line : lines) {
                writeLineRef(payload, line);
                payload.writeLong(line.hits());
                payload.writeLong(line.totalNanos());
                encoder.write(line.latenciesOnce(encoder::scratch), payload);
            }
        });

        // 1.2: how each LINES entry was timed, in the same order
        blocks.write(DumpFormat.BLOCK_LINE_TIMING, payload -> {
            payload.writeInt(lines.size());
            for (LineProfile line : lines) {
                payload.writeLong(line.timedHits());
                payload.writeLong(line.measuredNanos());
            }
        });

        if (!countedLines.isEmpty()) {
            // lines counted without times: their own block, so a 1.0 reader skips them rather than
            // reading them as lines that took no time
            blocks.write(DumpFormat.BLOCK_LINE_HITS, payload -> {
                payload.writeInt(countedLines.size());
                for (LineProfile line : countedLines) {
                    writeLineRef(payload, line);
                    payload.writeLong(line.hits());
                }
            });
        }

        List<AllocationProfile> allocations = profile.allocations();
        blocks.write(DumpFormat.BLOCK_ALLOCATIONS, payload -> {
            payload.writeInt(allocations.size());
            for (AllocationProfile a : allocations) {
                payload.writeUTF(a.site().method().className());
                payload.writeUTF(a.site().method().name());
                payload.writeUTF(a.site().method().descriptor());
                payload.writeUTF(a.site().file());
                payload.writeInt(a.site().line());
                payload.writeUTF(a.site().type());
                payload.writeByte(a.site().kind().ordinal());
                payload.writeLong(a.count());
                payload.writeLong(a.bytes());
            }
        });

        if (!profile.intervals().isEmpty()) {
            blocks.write(DumpFormat.BLOCK_INTERVALS, payload -> {
                payload.writeInt(profile.intervals().size());
                for (IntervalProfile interval : profile.intervals()) {
                    payload.writeLong(interval.startMillis());
                    payload.writeLong(interval.endMillis());
                    payload.writeInt(interval.size());
                    for (Map.Entry<String, byte[]> e : interval.encoded().entrySet()) { // compressed already
                        payload.writeUTF(limit(e.getKey()));
                        payload.writeInt(e.getValue().length);
                        payload.write(e.getValue());
                    }
                }
            });
        }

        out.writeByte(DumpFormat.BLOCK_END);
        out.writeInt(0);
    }

    /** writeUTF takes at most 65,535 bytes; a longer fact (a huge command line) is cut, marked "...". */
    static String limit(String value) {
        if (value.length() <= MAX_FACT_CHARS) {
            return value;
        }
        return value.substring(0, MAX_FACT_CHARS) + "...";
    }

    /** Characters kept of a session fact: even at 3 bytes each they fit writeUTF's 65,535 bytes. */
    static final int MAX_FACT_CHARS = 21_000;

    private static void addTreeMethods(CallTreeNode root, Map<MethodRef, Integer> index, List<MethodProfile> methods) {
        java.util.Deque<CallTreeNode> pending = new java.util.ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            for (CallTreeNode child : pending.pop().children()) {
                if (!index.containsKey(child.method())) {
                    index.put(child.method(), index.size());
                    methods.add(new MethodProfile(child.method()));
                }
                pending.push(child);
            }
        }
    }

    private interface NodeVisitor {
        void visit(CallTreeNode node, int index, int parentIndex) throws IOException;
    }

    /**
     * Visits the tree in pre-order, the root itself left out: its children get parent -1, the
     * others their parent's pre-order index. Iterative: a tree may be as deep as the program has
     * methods; what it holds is the path and the unvisited siblings along it.
     */
    private static void preorder(CallTreeNode root, NodeVisitor visitor) throws IOException {
        // two parallel stacks, the parents' positions unboxed: on javac's 200,000-node tree the
        // boxing of positions past 127 was a good part of a walk
        @SuppressWarnings("unchecked")
        java.util.Iterator<CallTreeNode>[] siblings = new java.util.Iterator[16];
        int[] parents = new int[16];
        int depth = 0;
        siblings[0] = root.children().iterator();
        parents[0] = -1;
        int next = 0;
        while (depth >= 0) {
            if (!siblings[depth].hasNext()) {
                depth--;
                continue;
            }
            CallTreeNode node = siblings[depth].next();
            int at = next++;
            visitor.visit(node, at, parents[depth]);
            if (!node.children().isEmpty()) {
                if (++depth == parents.length) {
                    siblings = java.util.Arrays.copyOf(siblings, 2 * depth);
                    parents = java.util.Arrays.copyOf(parents, 2 * depth);
                }
                siblings[depth] = node.children().iterator();
                parents[depth] = at;
            }
        }
    }

    /**
     * Encodes latencies one method at a time, through histograms and a buffer reused from method to
     * method, so that a dump of a million entries does not make a million counts arrays (8 KB each
     * for calls of microseconds: gigabytes of garbage, which in a nearly full heap cost seconds of
     * collections). The scratch histograms are one per size: an auto-resizing histogram keeps the
     * range of the largest value it ever held and its encoding carries that range, so one reused
     * for every method would make each method after a slow one decode sized for the slow one. Two
     * values whose highest bit is the same need the same counts array (HdrHistogram's bucket of a
     * value follows its leading zeros), so that is the key.
     */
    private static final class Encoder {
        private ByteBuffer buffer = ByteBuffer.allocate(0);
        private final Histogram[] bySize = new Histogram[Long.SIZE + 1];

        /** An empty histogram for values up to {@code max}; a new one if {@code max} is not known. */
        Histogram scratch(long max) {
            if (max < 0) {
                return MethodProfile.newHistogram();
            }
            int size = Long.numberOfLeadingZeros(max | 0xff);
            Histogram histogram = bySize[size];
            // a new one too where the last use grew it past its size (a source adding more than it
            // said): it would carry that range into every later encoding
            if (histogram == null || Long.numberOfLeadingZeros(histogram.getHighestTrackableValue() | 0xff) != size) {
                return bySize[size] = MethodProfile.newHistogram(max);
            }
            histogram.reset();
            return histogram;
        }

        /** Writes the length of the compressed encoding and the encoding: length 0 when there is no latency. */
        void write(Histogram histogram, DataOutputStream payload) throws IOException {
            if (histogram.getTotalCount() == 0) {
                payload.writeInt(0);
                return;
            }
            int needed = histogram.getNeededByteBufferCapacity();
            if (buffer.capacity() < needed) {
                buffer = ByteBuffer.allocate(needed);
            }
            buffer.clear();
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            payload.writeInt(length);
            payload.write(buffer.array(), 0, length);
        }
    }

    private interface Payload {
        void write(DataOutputStream payload) throws IOException;
    }

    /** Where blocks go: a block's type and length, then its payload. */
    private interface Blocks {
        /** Where what comes outside blocks goes (the header, the end mark). */
        DataOutputStream out();

        void write(int type, Payload content) throws IOException;
    }

    /** To a stream: a block is held in memory until its length is known. */
    private record StreamBlocks(DataOutputStream out) implements Blocks {
        @Override
        public void write(int type, Payload content) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream payload = new DataOutputStream(bytes);
            content.write(payload);
            payload.flush();
            out.writeByte(type);
            out.writeInt(bytes.size());
            bytes.writeTo(out);
        }
    }

    /**
     * To a file, through a 64 KB buffer: a block's payload goes straight to the file after a
     * length of 0, written over once the block is complete. A block larger than a dump's int
     * length allows is an error, not a wrapped length.
     */
    private static final class FileBlocks implements Blocks {
        private final RandomAccessFile file;
        private final DataOutputStream out;

        FileBlocks(RandomAccessFile file) throws IOException {
            this.file = file;
            // the stream writes at the file's own position, which seek moves (one descriptor)
            this.out = new DataOutputStream(new java.io.BufferedOutputStream(new FileOutputStream(file.getFD()), 1 << 16));
        }

        @Override
        public DataOutputStream out() {
            return out;
        }

        @Override
        public void write(int type, Payload content) throws IOException {
            out.writeByte(type);
            out.writeInt(0);
            out.flush();
            long start = file.getFilePointer();
            content.write(out);
            out.flush();
            long end = file.getFilePointer();
            if (end - start > Integer.MAX_VALUE) {
                throw new IOException("block " + type + " would be " + (end - start) + " bytes, over a dump block's limit");
            }
            file.seek(start - Integer.BYTES);
            file.writeInt((int) (end - start));
            file.seek(end);
        }
    }

    private static void writeLineRef(DataOutputStream payload, LineProfile line) throws IOException {
        payload.writeUTF(line.line().method().className());
        payload.writeUTF(line.line().method().name());
        payload.writeUTF(line.line().method().descriptor());
        payload.writeUTF(line.line().file());
        payload.writeInt(line.line().line());
    }
}
