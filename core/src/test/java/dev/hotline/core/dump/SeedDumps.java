package dev.hotline.core.dump;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The seed corpus of the fuzz tests: small valid dumps of every format version (1.0 to 1.3)
 * with every block, and damaged ones (truncated, a block claiming 2 GB, a histogram claiming a
 * precision that would allocate 100 MB, a call tree naming a method that is not there).
 * {@link #main} writes them into the fuzz tests' input directories, where they are committed:
 * {@code java -cp ... dev.hotline.core.dump.SeedDumps DIR...}.
 */
public final class SeedDumps {

    private static final MethodRef RUN = new MethodRef("com.acme.Loop", "run", "(I)J");

    private SeedDumps() {
    }

    /** File name to bytes, in a stable order. */
    public static Map<String, byte[]> all() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] current = bytes(everyBlock());
        seeds.put("valid-1.3-every-block.hotline", current);
        seeds.put("valid-1.2.hotline", olderVersion(current, 2, DumpFormat.BLOCK_CALL_TREE_FOLDS,
                DumpFormat.BLOCK_OFF_TREE_EDGES));
        seeds.put("valid-1.1.hotline", olderVersion(current, 1, DumpFormat.BLOCK_TIMING, DumpFormat.BLOCK_LINE_TIMING,
                DumpFormat.BLOCK_CALL_TREE_FOLDS, DumpFormat.BLOCK_OFF_TREE_EDGES));
        seeds.put("valid-1.0.hotline", olderVersion(current, 0, DumpFormat.BLOCK_TIMING, DumpFormat.BLOCK_LINE_TIMING,
                DumpFormat.BLOCK_LINE_HITS, DumpFormat.BLOCK_CALL_TREE_FOLDS, DumpFormat.BLOCK_OFF_TREE_EDGES));
        seeds.put("valid-empty.hotline", bytes(SampleProfiles.empty()));
        seeds.put("truncated-in-header.hotline", Arrays.copyOf(current, 10));
        seeds.put("truncated-in-a-block.hotline", Arrays.copyOf(current, current.length / 2));
        seeds.put("truncated-before-end-block.hotline", Arrays.copyOf(current, current.length - 5));
        seeds.put("block-claims-2-GB.hotline", blockClaiming(Integer.MAX_VALUE));
        seeds.put("histogram-claims-5-digits.hotline", bytes(withGreedyHistogram()));
        seeds.put("call-tree-names-a-missing-method.hotline", callTreeNamingMissingMethod(current));
        return seeds;
    }

    public static void main(String[] args) throws IOException {
        for (String dir : args) {
            Path inputs = Files.createDirectories(Path.of(dir));
            for (Map.Entry<String, byte[]> seed : all().entrySet()) {
                Files.write(inputs.resolve(seed.getKey()), seed.getValue());
            }
        }
    }

    /**
     * Methods, call tree (with folded recursion, an "(other paths)" node and an off-tree edge), timed
     * and counted lines, allocations of both kinds and two intervals.
     */
    static Profile everyBlock() {
        Profile base = SampleProfiles.threeLevels();
        CallTreeNode handle = base.callTree().child(SampleProfiles.MAIN).child(SampleProfiles.HANDLE);
        handle.addFolded(3);
        handle.otherPaths().add(2, 200, 200);
        base.callTree().addOffTreeEdge(SampleProfiles.PARSE, SampleProfiles.HANDLE, 3, 300);
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));
        methods.put(RUN, SampleProfiles.method(RUN, 4, 0, 4_000, 4_000, new long[] {900, 1_000, 1_000, 1_100}));

        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        LineRef timed = new LineRef(RUN, "com/acme/Loop.java", 12);
        LineProfile timedLine = new LineProfile(timed);
        timedLine.histogram().recordValue(250);
        timedLine.histogram().recordValue(300);
        timedLine.add(2, 550);
        lines.put(timed, timedLine);
        LineRef counted = new LineRef(RUN, "com/acme/Loop.java", 13);
        LineProfile countedLine = LineProfile.countedOnly(counted);
        countedLine.add(40, 0);
        lines.put(counted, countedLine);

        Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
        AllocationSite instance = new AllocationSite(RUN, "com/acme/Loop.java", 12, "com.acme.Point", AllocationSite.Kind.INSTANCE);
        allocations.computeIfAbsent(instance, AllocationProfile::new).add(4, 96);
        AllocationSite array = new AllocationSite(RUN, "com/acme/Loop.java", 13, "long[]", AllocationSite.Kind.ARRAY);
        allocations.computeIfAbsent(array, AllocationProfile::new).add(1, 8_016);

        Histogram first = MethodProfile.newHistogram();
        first.recordValue(900);
        Histogram second = MethodProfile.newHistogram();
        second.recordValue(1_000);
        second.recordValue(1_100);
        List<IntervalProfile> intervals = List.of(
                new IntervalProfile(1_000, 3_000, Map.of(RUN.displayName(), first)),
                new IntervalProfile(3_000, 5_000, Map.of(RUN.displayName(), second)));
        return new Profile(base.session(), methods, base.callTree(), lines, allocations, intervals);
    }

    /** A method whose histogram header claims 5 digits over the whole range of long (decoding it allocates ~100 MB). */
    private static Profile withGreedyHistogram() {
        MethodProfile greedy = new MethodProfile(RUN, new Histogram(1, Long.MAX_VALUE / 2, 5));
        greedy.histogram().recordValue(1_000);
        greedy.add(1, 0, 1_000, 1_000, 1_000, 1_000);
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(RUN, greedy);
        Profile empty = SampleProfiles.empty();
        return new Profile(empty.session(), methods, empty.callTree(), Map.of(), Map.of(), List.of());
    }

    static byte[] bytes(Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpWriter.write(profile, out);
        return out.toByteArray();
    }

    /** {@code dump} without the blocks of {@code types}, marked as minor version {@code minor}. */
    static byte[] olderVersion(byte[] dump, int minor, int... types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(dump, 0, 12);
        int at = 12;
        while (at < dump.length) {
            int type = dump[at] & 0xFF;
            int length = ByteBuffer.wrap(dump, at + 1, 4).getInt();
            if (Arrays.stream(types).noneMatch(t -> t == type)) {
                out.write(dump, at, 5 + length);
            }
            at += 5 + length;
        }
        byte[] old = out.toByteArray();
        old[10] = 0;
        old[11] = (byte) minor;
        return old;
    }

    /** A header and one METHODS block whose length field claims {@code length} bytes, followed by a few. */
    private static byte[] blockClaiming(int length) {
        ByteBuffer b = ByteBuffer.allocate(12 + 5 + 8);
        b.put(DumpFormat.MAGIC).putShort((short) DumpFormat.major()).putShort((short) DumpFormat.minor());
        b.put((byte) DumpFormat.BLOCK_METHODS).putInt(length).putInt(1).putInt(0);
        return b.array();
    }

    /** The dump with its first call tree node's method index pointed past the methods. */
    private static byte[] callTreeNamingMissingMethod(byte[] dump) {
        byte[] copy = dump.clone();
        int at = 12;
        while (at < copy.length) {
            int type = copy[at] & 0xFF;
            int length = ByteBuffer.wrap(copy, at + 1, 4).getInt();
            if (type == DumpFormat.BLOCK_CALL_TREE) {
                ByteBuffer.wrap(copy, at + 5 + 4 + 4, 4).putInt(9_999); // count, parent, then the method index
                return copy;
            }
            at += 5 + length;
        }
        throw new IllegalStateException("no call tree block");
    }
}
