package dev.hotline.core.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpRoundTripTest {

    private static final double[] PERCENTILES = {0, 1, 10, 50, 90, 99, 99.9, 100};

    @TempDir
    Path dir;

    @Test
    void reads_back_every_count_and_histogram_it_wrote() throws IOException {
        Profile written = SampleProfiles.threeLevels();

        Profile read = roundTrip(written);

        assertThat(read.methods()).extracting(MethodProfile::method)
                .containsExactlyElementsOf(refs(written.methods()));
        for (MethodProfile expected : written.methods()) {
            assertSameMethodProfile(read.method(expected.method()), expected);
        }
    }

    @Test
    void reads_back_the_call_tree_with_its_shape_order_and_counts() throws IOException {
        Profile written = SampleProfiles.threeLevels();

        Profile read = roundTrip(written);

        assertThat(read.callTree().method()).isNull();
        assertThat(describe(read.callTree())).isEqualTo(describe(written.callTree()));
        // spot-check one deep node directly, so a bug in describe() cannot hide a difference
        CallTreeNode init = read.callTree().child(SampleProfiles.MAIN).child(SampleProfiles.HANDLE)
                .child(SampleProfiles.PARSE).child(SampleProfiles.INIT);
        assertThat(init.calls()).isEqualTo(3);
        assertThat(init.totalNanos()).isEqualTo(90);
        assertThat(init.selfNanos()).isEqualTo(90);
        assertThat(read.edges()).isEqualTo(written.edges());
    }

    @Test
    void reads_back_folded_recursion_other_paths_and_off_tree_edges() throws IOException {
        Profile written = SampleProfiles.threeLevels();
        CallTreeNode handle = written.callTree().child(SampleProfiles.MAIN).child(SampleProfiles.HANDLE);
        handle.addFolded(7);
        handle.otherPaths().add(4, 400, 400);
        written.callTree().addOffTreeEdge(SampleProfiles.PARSE, SampleProfiles.HANDLE, 7, 7_000);

        Profile read = roundTrip(written);

        CallTreeNode back = read.callTree().child(SampleProfiles.MAIN).child(SampleProfiles.HANDLE);
        assertThat(back.foldedCalls()).isEqualTo(7);
        assertThat(back.children()).filteredOn(CallTreeNode::isOtherPaths).singleElement()
                .satisfies(other -> assertThat(other.calls()).isEqualTo(4));
        assertThat(read.callTree().offTreeEdges()).containsOnlyKeys(List.of(SampleProfiles.PARSE, SampleProfiles.HANDLE));
        assertThat(read.edges()).isEqualTo(written.edges());
        assertThat(read.edges()).anySatisfy(e -> {
            assertThat(e.caller()).isEqualTo(SampleProfiles.PARSE);
            assertThat(e.callee()).isEqualTo(SampleProfiles.HANDLE);
            assertThat(e.calls()).isEqualTo(7);
        });
    }

    @Test
    void reads_back_the_session_facts_in_order_including_non_ascii_and_empty_values() throws IOException {
        Profile written = SampleProfiles.threeLevels();

        Profile read = roundTrip(written);

        assertThat(read.session()).containsExactlyEntriesOf(written.session());
        assertThat(read.session().get("command")).endsWith("Zoë µs ✓ \uD83D\uDE00");
        assertThat(read.session().get("empty")).isEmpty();
    }

    @Test
    void reads_back_every_line_it_wrote() throws IOException {
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        LineRef first = new LineRef(SampleProfiles.PARSE, "com/acme/Parser.java", 41);
        LineRef second = new LineRef(SampleProfiles.PARSE, "com/acme/Parser.java", 42);
        LineRef noSource = new LineRef(SampleProfiles.INIT, "", 7);
        for (LineRef ref : List.of(first, second, noSource)) {
            LineProfile line = new LineProfile(ref);
            for (int hit = 1; hit <= ref.line(); hit++) {
                line.histogram().recordValue(hit * 1_000L);
            }
            line.add(ref.line(), ref.line() * 1_000L);
            lines.put(ref, line);
        }
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));

        Profile read = roundTrip(new Profile(base.session(), methods, base.callTree(), lines, Map.of(), List.of()));

        assertThat(read.lines()).extracting(LineProfile::line).containsExactlyInAnyOrder(first, second, noSource);
        for (LineProfile back : read.lines()) {
            LineProfile expected = lines.get(back.line());
            assertThat(back.hits()).as("hits of %s", back.line()).isEqualTo(expected.hits());
            assertThat(back.totalNanos()).as("totalNanos of %s", back.line()).isEqualTo(expected.totalNanos());
            assertThat(back.histogram()).as("histogram of %s", back.line()).isEqualTo(expected.histogram());
        }
        assertThat(read.methods()).hasSize(base.methods().size());
    }

    @Test
    void lines_counted_without_times_read_back_as_counted_only_beside_timed_lines() throws IOException {
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        LineRef timed = new LineRef(SampleProfiles.PARSE, "com/acme/Parser.java", 41);
        LineRef counted = new LineRef(SampleProfiles.INIT, "com/acme/Parser.java", 7);
        LineProfile timedLine = new LineProfile(timed);
        timedLine.histogram().recordValue(5_000);
        timedLine.add(1, 5_000);
        LineProfile countedLine = LineProfile.countedOnly(counted);
        countedLine.add(33_219_980L, 0);
        lines.put(timed, timedLine);
        lines.put(counted, countedLine);
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        base.methods().forEach(m -> methods.put(m.method(), m));

        Profile read = roundTrip(new Profile(base.session(), methods, base.callTree(), lines, Map.of(), List.of()));

        Map<LineRef, LineProfile> back = new LinkedHashMap<>();
        read.lines().forEach(l -> back.put(l.line(), l));
        assertThat(back).containsOnlyKeys(timed, counted);
        assertThat(back.get(timed).timed()).isTrue();
        assertThat(back.get(timed).totalNanos()).isEqualTo(5_000);
        assertThat(back.get(counted).timed()).isFalse();
        assertThat(back.get(counted).hits()).isEqualTo(33_219_980L);
    }

    @Test
    void reads_back_how_each_method_and_line_was_timed() throws IOException {
        Profile profile = SampleProfiles.threeLevels();
        MethodProfile parse = profile.method(SampleProfiles.PARSE);
        parse.addTiming(3, parse.totalNanos() + 1_000, parse.selfNanos() + 700);

        Profile back = roundTrip(profile);

        MethodProfile read = back.method(SampleProfiles.PARSE);
        assertThat(read.timedCalls()).isEqualTo(3);
        assertThat(read.sampled()).isTrue();
        assertThat(read.measuredTotalNanos()).isEqualTo(parse.totalNanos() + 1_000);
        assertThat(read.measuredSelfNanos()).isEqualTo(parse.selfNanos() + 700);
        assertThat(back.method(SampleProfiles.MAIN).sampled()).isFalse();
    }

    @Test
    void a_dump_of_format_1_1_without_timing_blocks_reads_as_every_call_timed_and_measured() throws IOException {
        Profile profile = SampleProfiles.threeLevels();
        byte[] current = bytes(profile);
        byte[] old = withoutBlocks(current, 0x21, 0x42);
        old[10] = 0;
        old[11] = 1; // minor version 1

        Profile back = dev.hotline.core.dump.DumpReader.read(new java.io.ByteArrayInputStream(old));

        MethodProfile parse = back.method(SampleProfiles.PARSE);
        assertThat(parse.calls()).isEqualTo(profile.method(SampleProfiles.PARSE).calls());
        assertThat(parse.timedCalls()).isEqualTo(parse.calls());
        assertThat(parse.measuredTotalNanos()).isEqualTo(parse.totalNanos());
        assertThat(parse.overheadNanos()).isZero();
    }

    /** The dump with the blocks of the given types cut out (header: 8 magic bytes, 2 major, 2 minor). */
    private static byte[] withoutBlocks(byte[] dump, int... types) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(dump, 0, 12);
        int at = 12;
        while (at < dump.length) {
            int type = dump[at] & 0xFF;
            int length = java.nio.ByteBuffer.wrap(dump, at + 1, 4).getInt();
            boolean cut = java.util.Arrays.stream(types).anyMatch(t -> t == type);
            if (!cut) {
                out.write(dump, at, 5 + length);
            }
            at += 5 + length;
        }
        return out.toByteArray();
    }

    @Test
    void an_empty_profile_round_trips_to_an_empty_profile() throws IOException {
        Profile read = roundTrip(SampleProfiles.empty());

        assertThat(read.methods()).isEmpty();
        assertThat(read.callTree().children()).isEmpty();
        assertThat(read.session()).containsExactlyEntriesOf(SampleProfiles.empty().session());
    }

    @Test
    void a_method_known_only_from_an_open_call_stays_in_the_tree_but_not_in_the_method_table() throws IOException {
        MethodRef running = new MethodRef("com.acme.Server", "serveForever", "()V");
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(SampleProfiles.PARSE,
                SampleProfiles.method(SampleProfiles.PARSE, 2, 0, 300, 300, new long[] {100, 200}));
        CallTreeNode root = CallTreeNode.root();
        CallTreeNode open = root.child(running); // entered, never returned: no calls, no times
        open.child(SampleProfiles.PARSE).add(2, 300, 300);

        Profile read = roundTrip(new Profile(Map.of(), methods, root, Map.of(), Map.of(), List.of()));

        assertThat(read.methods()).extracting(MethodProfile::method).containsExactly(SampleProfiles.PARSE);
        assertThat(read.method(running)).isNull();
        CallTreeNode readOpen = read.callTree().children().iterator().next();
        assertThat(readOpen.method()).isEqualTo(running);
        assertThat(readOpen.calls()).isZero();
        assertThat(readOpen.children()).singleElement()
                .satisfies(parse -> assertThat(parse.calls()).isEqualTo(2));
    }

    @Test
    void a_method_with_calls_but_an_empty_histogram_reads_back_with_an_empty_histogram() throws IOException {
        MethodProfile noLatencies = new MethodProfile(SampleProfiles.PARSE);
        noLatencies.add(4, 1, 400, 300, 50, 150);

        Profile read = roundTrip(new Profile(Map.of(), Map.of(SampleProfiles.PARSE, noLatencies), CallTreeNode.root(),
                Map.of(), Map.of(), List.of()));

        MethodProfile back = read.method(SampleProfiles.PARSE);
        assertThat(back.calls()).isEqualTo(4);
        assertThat(back.minNanos()).isEqualTo(50);
        assertThat(back.maxNanos()).isEqualTo(150);
        assertThat(back.histogram().getTotalCount()).isZero();
        assertThat(back.percentileNanos(50)).isZero();
    }

    @Test
    void extreme_counts_and_times_survive_the_round_trip() throws IOException {
        MethodProfile huge = new MethodProfile(SampleProfiles.MAIN);
        huge.histogram().recordValue(Long.MAX_VALUE / 4);
        huge.histogram().recordValue(0);
        huge.add(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 2, Long.MAX_VALUE - 3, 0, Long.MAX_VALUE / 4);

        Profile read = roundTrip(new Profile(Map.of(), Map.of(SampleProfiles.MAIN, huge), CallTreeNode.root(),
                Map.of(), Map.of(), List.of()));

        assertSameMethodProfile(read.method(SampleProfiles.MAIN), huge);
    }

    @Test
    void a_session_fact_longer_than_64_kb_is_cut_and_marked_and_does_not_lose_the_dump() throws IOException {
        String longCommand = "com.acme.Batch " + "input-file.csv ".repeat(5_000); // 75 KB
        Profile written = new Profile(Map.of("command", longCommand), new LinkedHashMap<>(), CallTreeNode.root(),
                Map.of(), Map.of(), List.of());

        Profile read = roundTrip(written);

        String command = read.session().get("command");
        assertThat(command).endsWith("...").hasSize(DumpWriter.MAX_FACT_CHARS + 3);
        assertThat(longCommand).startsWith(command.substring(0, DumpWriter.MAX_FACT_CHARS));
    }

    @Test
    void writes_the_same_bytes_for_the_same_profile() throws IOException {
        assertThat(bytes(SampleProfiles.threeLevels())).isEqualTo(bytes(SampleProfiles.threeLevels()));
    }

    @Test
    void writing_atomically_creates_a_readable_dump_and_leaves_no_temporary_file() throws IOException {
        Path target = dir.resolve("app-1.hotline");

        DumpWriter.writeAtomically(SampleProfiles.threeLevels(), target);

        assertThat(target).isRegularFile();
        assertThat(listing()).containsExactly("app-1.hotline");
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes(SampleProfiles.threeLevels()));
        assertThat(DumpReader.read(target).session()).isEqualTo(SampleProfiles.threeLevels().session());
    }

    @Test
    void a_dump_written_to_a_file_has_the_bytes_of_one_written_to_a_stream_when_its_blocks_outgrow_the_write_buffer()
            throws IOException {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        CallTreeNode tree = CallTreeNode.root();
        for (int i = 0; i < 5_000; i++) { // some 200 KB of METHODS block, past the 64 KB buffer
            MethodRef ref = new MethodRef("com.acme.gen.C" + i, "m" + i, "()V");
            int value = i + 1;
            MethodProfile method = MethodProfile.deferred(ref, into -> into.recordValue(value));
            method.add(1, 0, value, value, value, value);
            methods.put(ref, method);
            tree.child(ref).add(1, value, value);
        }
        Profile large = new Profile(Map.of("pid", "7"), methods, tree, Map.of(), Map.of(), List.of());
        Path target = dir.resolve("large.hotline");

        DumpWriter.writeAtomically(large, target);

        assertThat(Files.readAllBytes(target)).isEqualTo(bytes(large));
        Profile read = DumpReader.read(target);
        assertThat(read.methods()).hasSize(5_000);
        org.HdrHistogram.Histogram last = read.method(new MethodRef("com.acme.gen.C4999", "m4999", "()V")).histogram();
        assertThat(last.getTotalCount()).isEqualTo(1);
        assertThat(last.valuesAreEquivalent(last.getMaxValue(), 5_000)).as("each method its own latencies").isTrue();
    }

    @Test
    void each_latency_decodes_at_its_own_size_though_the_writer_reuses_scratch_histograms() throws IOException {
        long[] maxima = {300, 1_000_000, 400, 5_000_000_000L, 450, 2}; // the same and different sizes, in turn
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        for (int i = 0; i < maxima.length; i++) {
            long max = maxima[i];
            MethodRef ref = new MethodRef("com.acme.Sized", "m" + i, "()V");
            MethodProfile method = MethodProfile.deferred(ref, new dev.hotline.core.profile.LatencySource() {
                @Override
                public void addTo(org.HdrHistogram.Histogram into) {
                    into.recordValue(1);
                    into.recordValue(max);
                }

                @Override
                public long maxValue() {
                    return max;
                }
            });
            method.add(2, 0, max + 1, max + 1, 1, max);
            methods.put(ref, method);
        }

        Profile read = roundTrip(new Profile(Map.of(), methods, CallTreeNode.root(), Map.of(), Map.of(), List.of()));

        for (int i = 0; i < maxima.length; i++) {
            org.HdrHistogram.Histogram fresh = MethodProfile.newHistogram();
            fresh.recordValue(1);
            fresh.recordValue(maxima[i]);
            org.HdrHistogram.Histogram decoded = read.method(new MethodRef("com.acme.Sized", "m" + i, "()V")).histogram();
            assertThat(decoded).as("m%d", i).isEqualTo(fresh);
            assertThat(decoded.getEstimatedFootprintInBytes()).as("m%d decoded size", i)
                    .isEqualTo(fresh.getEstimatedFootprintInBytes());
        }
    }

    @Test
    void a_dump_written_atomically_is_readable_and_writable_by_its_owner_only() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path target = dir.resolve("app-2.hotline");

        DumpWriter.writeAtomically(SampleProfiles.threeLevels(), target);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void writing_atomically_over_an_existing_dump_replaces_it_and_keeps_owner_only_permissions() throws IOException {
        Path target = dir.resolve("app-3.hotline");
        Files.write(target, new byte[] {1, 2, 3});
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
        DumpWriter.writeAtomically(SampleProfiles.empty(), target);

        DumpWriter.writeAtomically(SampleProfiles.threeLevels(), target);

        assertThat(listing()).containsExactly("app-3.hotline");
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes(SampleProfiles.threeLevels()));
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        }
    }

    @Test
    void writes_atomically_to_a_path_relative_to_the_working_directory() throws IOException {
        Path target = Path.of("target", "dump-round-trip-" + ProcessHandle.current().pid() + ".hotline");
        try {
            DumpWriter.writeAtomically(SampleProfiles.empty(), target);
            assertThat(DumpReader.read(target).methods()).isEmpty();
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Test
    void a_write_that_fails_midway_leaves_the_previous_dump_intact_and_no_temporary_file() throws IOException {
        Path target = dir.resolve("app-4.hotline");
        DumpWriter.writeAtomically(SampleProfiles.threeLevels(), target);
        byte[] before = Files.readAllBytes(target);
        CallTreeNode broken = CallTreeNode.root();
        broken.child(null).add(1, 1, 1); // a node without a method: the writer fails on it
        Profile unwritable = new Profile(Map.of(), new LinkedHashMap<>(), broken, Map.of(), Map.of(), List.of());

        assertThatThrownBy(() -> DumpWriter.writeAtomically(unwritable, target)).isInstanceOf(Exception.class);

        assertThat(listing()).containsExactly("app-4.hotline");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
    }

    // --- helpers

    static Profile roundTrip(Profile profile) throws IOException {
        return DumpReader.read(new ByteArrayInputStream(bytes(profile)));
    }

    static byte[] bytes(Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpWriter.write(profile, out);
        return out.toByteArray();
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<MethodRef> refs(List<MethodProfile> methods) {
        return methods.stream().map(MethodProfile::method).toList();
    }

    private static void assertSameMethodProfile(MethodProfile actual, MethodProfile expected) {
        assertThat(actual).as("profile of %s", expected.method()).isNotNull();
        String name = expected.method().key();
        assertThat(actual.method()).isEqualTo(expected.method());
        assertThat(actual.calls()).as("calls of %s", name).isEqualTo(expected.calls());
        assertThat(actual.exceptions()).as("exceptions of %s", name).isEqualTo(expected.exceptions());
        assertThat(actual.totalNanos()).as("totalNanos of %s", name).isEqualTo(expected.totalNanos());
        assertThat(actual.selfNanos()).as("selfNanos of %s", name).isEqualTo(expected.selfNanos());
        assertThat(actual.minNanos()).as("minNanos of %s", name).isEqualTo(expected.minNanos());
        assertThat(actual.maxNanos()).as("maxNanos of %s", name).isEqualTo(expected.maxNanos());
        Histogram a = actual.histogram();
        Histogram e = expected.histogram();
        assertThat(a.getTotalCount()).as("histogram count of %s", name).isEqualTo(e.getTotalCount());
        assertThat(a.getMinNonZeroValue()).as("histogram min of %s", name).isEqualTo(e.getMinNonZeroValue());
        assertThat(a.getMaxValue()).as("histogram max of %s", name).isEqualTo(e.getMaxValue());
        assertThat(a.getNumberOfSignificantValueDigits()).isEqualTo(MethodProfile.SIGNIFICANT_DIGITS);
        for (double p : PERCENTILES) {
            assertThat(a.getValueAtPercentile(p)).as("histogram p%s of %s", p, name).isEqualTo(e.getValueAtPercentile(p));
            assertThat(actual.percentileNanos(p)).as("p%s of %s", p, name).isEqualTo(expected.percentileNanos(p));
        }
        assertThat(a).as("histogram of %s", name).isEqualTo(e);
    }

    /** The tree as text, one line per node in child order: depth, method, counts. */
    private static String describe(CallTreeNode root) {
        List<String> lines = new ArrayList<>();
        describe(root, 0, lines);
        return String.join("\n", lines);
    }

    private static void describe(CallTreeNode node, int depth, List<String> lines) {
        lines.add("  ".repeat(depth) + (node.method() == null ? "<root>" : node.method().key())
                + " calls=" + node.calls() + " total=" + node.totalNanos() + " self=" + node.selfNanos());
        for (CallTreeNode child : node.children()) {
            describe(child, depth + 1, lines);
        }
    }
}
