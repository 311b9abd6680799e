package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SampleProfiles;
import dev.hotline.core.profile.SessionKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PprofExportTest {

    @Test
    void the_export_is_gzipped_and_its_string_table_starts_with_the_empty_string() throws IOException {
        byte[] bytes = export(SampleProfiles.threeLevels());

        assertThat(bytes[0] & 0xFF).isEqualTo(0x1F);
        assertThat(bytes[1] & 0xFF).isEqualTo(0x8B);
        DecodedPprof pprof = DecodedPprof.of(bytes);
        assertThat(pprof.strings.get(0)).isEmpty();
        assertThat(pprof.strings).doesNotHaveDuplicates();
    }

    @Test
    void calls_total_and_self_are_the_sample_types_and_self_is_the_default() throws IOException {
        DecodedPprof pprof = DecodedPprof.of(export(SampleProfiles.threeLevels()));

        assertThat(pprof.sampleTypes).containsExactly("calls/count", "total/nanoseconds", "self/nanoseconds");
        assertThat(pprof.defaultSampleType).isEqualTo("self");
        assertThat(pprof.periodType).isEqualTo("calls/count");
        assertThat(pprof.period).isEqualTo(1);
    }

    @Test
    void every_path_of_the_call_tree_is_one_sample_with_its_stack_leaf_first_and_its_exact_values() throws IOException {
        DecodedPprof pprof = DecodedPprof.of(export(SampleProfiles.threeLevels()));

        Map<List<String>, List<Long>> samples = new HashMap<>();
        pprof.samples.forEach(s -> samples.put(pprof.stack(s), s.values()));
        String main = SampleProfiles.MAIN.displayName();
        String handle = SampleProfiles.HANDLE.displayName();
        String parse = SampleProfiles.PARSE.displayName();
        String init = SampleProfiles.INIT.displayName();
        assertThat(samples).containsOnly(
                Map.entry(List.of(main), List.of(1L, 9_000_000_000L, 1_000_000L)),
                Map.entry(List.of(handle, main), List.of(5L, 8_000_000L, 3_000_000L)),
                Map.entry(List.of(parse, handle, main), List.of(200L, 4_000_000L, 3_950_000L)),
                Map.entry(List.of(init, parse, handle, main), List.of(3L, 90L, 90L)),
                Map.entry(List.of(parse, main), List.of(100L, 1_000_000L, 950_000L)));
        assertThat(pprof.functions.values()).extracting(DecodedPprof.Function::systemName)
                .containsExactlyInAnyOrder(SampleProfiles.MAIN.key(), SampleProfiles.HANDLE.key(),
                        SampleProfiles.PARSE.key(), SampleProfiles.INIT.key());
    }

    @Test
    void summed_as_pprof_sums_them_the_leaf_values_are_the_method_tables_calls_and_self_times() throws IOException {
        Profile profile = SampleProfiles.threeLevels();
        DecodedPprof pprof = DecodedPprof.of(export(profile));

        // pprof's flat column: the values of the samples whose leaf is the function
        Map<String, long[]> flat = new HashMap<>();
        for (DecodedPprof.Sample s : pprof.samples) {
            long[] sums = flat.computeIfAbsent(pprof.stack(s).get(0), k -> new long[2]);
            sums[0] += s.values().get(pprof.valueIndex("calls"));
            sums[1] += s.values().get(pprof.valueIndex("self"));
        }
        for (MethodProfile m : profile.methods()) {
            assertThat(flat.get(m.method().displayName())).as(m.method().displayName())
                    .containsExactly(m.calls(), m.selfNanos());
        }
    }

    @Test
    void every_location_and_function_a_sample_names_exists_once_with_a_nonzero_id_in_the_one_mapping() throws IOException {
        DecodedPprof pprof = DecodedPprof.of(export(withLinesAllocationsAndSampling()));

        assertThat(pprof.mappingIds).containsExactly(1L);
        for (DecodedPprof.Sample s : pprof.samples) {
            assertThat(s.values()).hasSameSizeAs(pprof.sampleTypes);
            for (long id : s.locationIds()) {
                assertThat(id).isPositive();
                DecodedPprof.Location location = pprof.locations.get(id);
                assertThat(location).as("location %d", id).isNotNull();
                assertThat(location.mappingId()).isEqualTo(1);
                assertThat(location.lines()).hasSize(1);
                assertThat(pprof.functions).containsKey(location.lines().get(0).functionId());
            }
        }
        assertThat(pprof.functions.keySet()).allMatch(id -> id > 0);
    }

    @Test
    void functions_carry_the_file_and_first_line_the_dump_knows_and_allocations_are_samples_at_their_line() throws IOException {
        DecodedPprof pprof = DecodedPprof.of(export(withLinesAllocationsAndSampling()));

        assertThat(pprof.sampleTypes).containsExactly("calls/count", "total/nanoseconds", "self/nanoseconds",
                "alloc_objects/count", "alloc_space/bytes");
        DecodedPprof.Function parse = function(pprof, SampleProfiles.PARSE);
        assertThat(parse.file()).isEqualTo("com/acme/Parser.java");
        assertThat(parse.startLine()).isEqualTo(12);
        assertThat(function(pprof, SampleProfiles.MAIN).file()).as("no line or allocation data for main").isEmpty();

        DecodedPprof.Sample list = pprof.samples.stream().filter(s -> "java.util.ArrayList".equals(s.labels().get("type")))
                .findFirst().orElseThrow();
        assertThat(list.values()).containsExactly(0L, 0L, 0L, 300L, 7_200L);
        assertThat(pprof.stack(list)).containsExactly(SampleProfiles.PARSE.displayName());
        DecodedPprof.Line at = pprof.locations.get(list.locationIds().get(0)).lines().get(0);
        assertThat(at.line()).isEqualTo(14);
        DecodedPprof.Sample unknownSize = pprof.samples.stream().filter(s -> "com.acme.Token".equals(s.labels().get("type")))
                .findFirst().orElseThrow();
        assertThat(unknownSize.values()).as("bytes unknown: 0, as the comment says").containsExactly(0L, 0L, 0L, 4L, 0L);
        // call-tree samples have no allocation values
        assertThat(pprof.samples.stream().filter(s -> s.values().get(0) > 0))
                .allMatch(s -> s.values().get(3) == 0 && s.values().get(4) == 0);
    }

    @Test
    void the_samples_of_a_method_timed_one_call_in_n_are_labelled_as_estimates_and_the_comments_say_so() throws IOException {
        DecodedPprof pprof = DecodedPprof.of(export(withLinesAllocationsAndSampling()));

        for (DecodedPprof.Sample s : pprof.samples) {
            boolean handleLeaf = pprof.stack(s).get(0).equals(SampleProfiles.HANDLE.displayName());
            assertThat(s.labels().get("timing")).as(pprof.stack(s).toString()).isEqualTo(handleLeaf ? "sampled" : null);
        }
        assertThat(pprof.comments).anyMatch(c -> c.startsWith("hotline profile of sample.hotline"))
                .anyMatch(c -> c.contains("1 methods were timed at 1 in N calls") && c.contains("timing=sampled"))
                .noneMatch(c -> c.contains("±") || c.contains("--raw"));
    }

    @Test
    void the_profile_is_dated_from_the_recorded_jvms_start_and_end() throws IOException {
        Profile base = SampleProfiles.threeLevels();
        Map<String, String> session = new LinkedHashMap<>(base.session());
        session.put(SessionKeys.START_EPOCH_MILLIS, "1700000000000");
        session.put(SessionKeys.END_EPOCH_MILLIS, "1700000002500");
        Profile profile = new Profile(session, methods(base), base.callTree(), Map.of(), Map.of(), List.of());

        DecodedPprof pprof = DecodedPprof.of(export(profile));

        assertThat(pprof.timeNanos).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(pprof.durationNanos).isEqualTo(2_500_000_000L);
    }

    @Test
    void a_path_fifty_thousand_calls_deep_is_one_sample_with_every_frame_and_nodes_without_values_are_left_out() throws IOException {
        // the nodes above the leaf have only calls still running: no sample of their own
        dev.hotline.core.profile.CallTreeNode root = dev.hotline.core.profile.CallTreeNode.root();
        dev.hotline.core.profile.CallTreeNode node = root;
        for (int depth = 0; depth < 50_000; depth++) {
            node = node.child(depth % 2 == 0 ? SampleProfiles.HANDLE : SampleProfiles.PARSE);
        }
        node.add(7, 700, 700);
        Profile deep = new Profile(Map.of(), new LinkedHashMap<>(), root, Map.of(), Map.of(), List.of());

        DecodedPprof pprof = DecodedPprof.of(export(deep));

        assertThat(pprof.samples).singleElement().satisfies(s -> {
            assertThat(s.locationIds()).hasSize(50_000);
            assertThat(s.values()).containsExactly(7L, 700L, 700L);
        });
        assertThat(pprof.locations).hasSize(2);
    }

    @Test
    void folded_recursive_calls_count_as_calls_with_a_label_and_capped_paths_are_the_other_paths_function() throws IOException {
        dev.hotline.core.profile.CallTreeNode root = dev.hotline.core.profile.CallTreeNode.root();
        dev.hotline.core.profile.CallTreeNode main = root.child(SampleProfiles.MAIN);
        main.add(1, 10_000, 1_000);
        dev.hotline.core.profile.CallTreeNode parse = main.child(SampleProfiles.PARSE);
        parse.add(10, 8_000, 7_500);
        parse.addFolded(90);
        main.otherPaths().add(5, 500, 500);
        Profile profile = new Profile(Map.of(), new LinkedHashMap<>(), root, Map.of(), Map.of(), List.of());

        DecodedPprof pprof = DecodedPprof.of(export(profile));

        Map<List<String>, DecodedPprof.Sample> samples = new HashMap<>();
        pprof.samples.forEach(s -> samples.put(pprof.stack(s), s));
        DecodedPprof.Sample folded = samples.get(List.of(SampleProfiles.PARSE.displayName(), SampleProfiles.MAIN.displayName()));
        assertThat(folded.values()).containsExactly(100L, 8_000L, 7_500L);
        assertThat(folded.labels()).containsEntry("folded_calls", "90 calls");
        DecodedPprof.Sample other = samples.get(List.of("(other paths)", SampleProfiles.MAIN.displayName()));
        assertThat(other.values()).containsExactly(5L, 500L, 500L);
        assertThat(other.labels()).isEmpty();
    }

    @Test
    void an_empty_profile_is_a_valid_profile_without_samples() throws IOException {
        DecodedPprof pprof = DecodedPprof.of(export(SampleProfiles.empty()));

        assertThat(pprof.samples).isEmpty();
        assertThat(pprof.sampleTypes).hasSize(3);
        assertThat(pprof.strings.get(0)).isEmpty();
    }

    private static DecodedPprof.Function function(DecodedPprof pprof, MethodRef method) {
        return pprof.functions.values().stream().filter(f -> f.systemName().equals(method.key())).findFirst().orElseThrow();
    }

    /** threeLevels with two timed lines and two allocation sites in parse, and handle timed at 2 of its 5 calls. */
    static Profile withLinesAllocationsAndSampling() {
        Profile base = SampleProfiles.threeLevels();
        Map<MethodRef, MethodProfile> methods = methods(base);
        methods.get(SampleProfiles.HANDLE).addTiming(2, 8_100_000L, 3_100_000L);
        Map<LineRef, LineProfile> lines = new LinkedHashMap<>();
        for (int number : new int[] {14, 12}) {
            LineRef ref = new LineRef(SampleProfiles.PARSE, "com/acme/Parser.java", number);
            LineProfile line = new LineProfile(ref);
            line.add(300, 1_000_000L);
            lines.put(ref, line);
        }
        Map<AllocationSite, AllocationProfile> allocations = new LinkedHashMap<>();
        AllocationSite list = new AllocationSite(SampleProfiles.PARSE, "com/acme/Parser.java", 14, "java.util.ArrayList",
                AllocationSite.Kind.INSTANCE);
        allocations.put(list, new AllocationProfile(list));
        allocations.get(list).add(300, 7_200);
        AllocationSite token = new AllocationSite(SampleProfiles.PARSE, "com/acme/Parser.java", 15, "com.acme.Token",
                AllocationSite.Kind.INSTANCE);
        allocations.put(token, new AllocationProfile(token));
        allocations.get(token).add(4, -1);
        return new Profile(base.session(), methods, base.callTree(), lines, allocations, List.of());
    }

    private static Map<MethodRef, MethodProfile> methods(Profile profile) {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        profile.methods().forEach(m -> methods.put(m.method(), m));
        return methods;
    }

    static byte[] export(Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PprofExport().render(profile, "sample.hotline", out);
        return out.toByteArray();
    }
}
