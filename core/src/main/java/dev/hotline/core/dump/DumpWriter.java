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
import java.io.IOException;
import java.io.OutputStream;
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
            try (OutputStream out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(temp.toFile()))) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                }
                write(profile, out);
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

    public static void write(Profile profile, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.write(DumpFormat.MAGIC);
        out.writeShort(DumpFormat.major());
        out.writeShort(DumpFormat.minor());

        block(out, DumpFormat.BLOCK_SESSION, payload -> {
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
        block(out, DumpFormat.BLOCK_METHODS, payload -> {
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
                byte[] histogram = encode(m.histogram());
                payload.writeInt(histogram.length);
                payload.write(histogram);
            }
        });

        // 1.2: how each METHODS entry was timed, in the same order (a 1.1 reader skips the block)
        block(out, DumpFormat.BLOCK_TIMING, payload -> {
            payload.writeInt(methods.size());
            for (MethodProfile m : methods) {
                payload.writeLong(m.timedCalls());
                payload.writeLong(m.measuredTotalNanos());
                payload.writeLong(m.measuredSelfNanos());
            }
        });

        List<CallTreeNode> preorder = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        flatten(profile.callTree(), preorder, parents);
        block(out, DumpFormat.BLOCK_CALL_TREE, payload -> {
            payload.writeInt(preorder.size());
            for (int i = 0; i < preorder.size(); i++) {
                CallTreeNode node = preorder.get(i);
                payload.writeInt(parents.get(i));
                payload.writeInt(index.get(node.method()));
                payload.writeLong(node.calls());
                payload.writeLong(node.totalNanos());
                payload.writeLong(node.selfNanos());
            }
        });

        // 1.3: the recursive calls folded into CALL_TREE nodes, and the edges of the calls off the
        // tree's edges (folded, or past the node limit); a 1.2 reader skips both
        block(out, DumpFormat.BLOCK_CALL_TREE_FOLDS, payload -> {
            int folded = (int) preorder.stream().filter(n -> n.foldedCalls() > 0).count();
            payload.writeInt(folded);
            for (int i = 0; i < preorder.size(); i++) {
                if (preorder.get(i).foldedCalls() > 0) {
                    payload.writeInt(i);
                    payload.writeLong(preorder.get(i).foldedCalls());
                }
            }
        });
        block(out, DumpFormat.BLOCK_OFF_TREE_EDGES, payload -> {
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
        block(out, DumpFormat.BLOCK_LINES, payload -> {
            payload.writeInt(lines.size());
            for (LineProfile line : lines) {
                writeLineRef(payload, line);
                payload.writeLong(line.hits());
                payload.writeLong(line.totalNanos());
                byte[] histogram = encode(line.histogram());
                payload.writeInt(histogram.length);
                payload.write(histogram);
            }
        });

        // 1.2: how each LINES entry was timed, in the same order
        block(out, DumpFormat.BLOCK_LINE_TIMING, payload -> {
            payload.writeInt(lines.size());
            for (LineProfile line : lines) {
                payload.writeLong(line.timedHits());
                payload.writeLong(line.measuredNanos());
            }
        });

        if (!countedLines.isEmpty()) {
            // lines counted without times: their own block, so a 1.0 reader skips them rather than
            // reading them as lines that took no time
            block(out, DumpFormat.BLOCK_LINE_HITS, payload -> {
                payload.writeInt(countedLines.size());
                for (LineProfile line : countedLines) {
                    writeLineRef(payload, line);
                    payload.writeLong(line.hits());
                }
            });
        }

        List<AllocationProfile> allocations = profile.allocations();
        block(out, DumpFormat.BLOCK_ALLOCATIONS, payload -> {
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
            block(out, DumpFormat.BLOCK_INTERVALS, payload -> {
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
        out.flush();
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

    /**
     * Pre-order, the root itself left out: its children get parent -1. Iterative: a tree may be
     * as deep as the program has methods.
     */
    private static void flatten(CallTreeNode root, List<CallTreeNode> preorder, List<Integer> parents) {
        java.util.Deque<Object[]> pending = new java.util.ArrayDeque<>();
        pushChildren(root, -1, pending);
        while (!pending.isEmpty()) {
            Object[] next = pending.pop();
            CallTreeNode node = (CallTreeNode) next[0];
            preorder.add(node);
            parents.add((Integer) next[1]);
            pushChildren(node, preorder.size() - 1, pending);
        }
    }

    /** Pushes the children so that they pop in their own order. */
    private static void pushChildren(CallTreeNode node, int nodeIndex, java.util.Deque<Object[]> pending) {
        List<CallTreeNode> children = new ArrayList<>(node.children());
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(new Object[] {children.get(i), nodeIndex});
        }
    }

    private static byte[] encode(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new byte[0];
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    private interface Payload {
        void write(DataOutputStream payload) throws IOException;
    }

    private static void block(DataOutputStream out, int type, Payload content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream payload = new DataOutputStream(bytes);
        content.write(payload);
        payload.flush();
        out.writeByte(type);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    private static void writeLineRef(DataOutputStream payload, LineProfile line) throws IOException {
        payload.writeUTF(line.line().method().className());
        payload.writeUTF(line.line().method().name());
        payload.writeUTF(line.line().method().descriptor());
        payload.writeUTF(line.line().file());
        payload.writeInt(line.line().line());
    }
}
