package dev.hotline.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileMergerTest {

    @Test
    void merging_a_profile_with_itself_doubles_every_count_and_histogram() {
        Profile one = SampleProfiles.threeLevels();
        Profile merged = ProfileMerger.merge(List.of(one, SampleProfiles.threeLevels()));

        for (MethodProfile m : one.methods()) {
            MethodProfile doubled = merged.method(m.method());
            assertThat(doubled.calls()).isEqualTo(2 * m.calls());
            assertThat(doubled.exceptions()).isEqualTo(2 * m.exceptions());
            assertThat(doubled.totalNanos()).isEqualTo(2 * m.totalNanos());
            assertThat(doubled.selfNanos()).isEqualTo(2 * m.selfNanos());
            assertThat(doubled.minNanos()).isEqualTo(m.minNanos());
            assertThat(doubled.maxNanos()).isEqualTo(m.maxNanos());
            assertThat(doubled.histogram().getTotalCount()).isEqualTo(2 * m.histogram().getTotalCount());
            assertThat(doubled.percentileNanos(99)).isEqualTo(m.percentileNanos(99));
        }
        CallTreeNode main = merged.callTree().child(SampleProfiles.MAIN);
        assertThat(main.child(SampleProfiles.HANDLE).child(SampleProfiles.PARSE).calls()).isEqualTo(400);
        assertThat(merged.edges()).hasSameSizeAs(one.edges());
        assertThat(merged.session()).containsEntry(SessionKeys.MERGED_DUMPS, "2").containsEntry(SessionKeys.PID, "4242,4242");
    }

    @Test
    void merging_disjoint_profiles_keeps_the_methods_and_call_paths_of_both() {
        Profile one = SampleProfiles.threeLevels();
        MethodRef job = new MethodRef("com.acme.Batch", "job", "()V");
        MethodRef step = new MethodRef("com.acme.Batch", "step", "(I)V");
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(job, SampleProfiles.method(job, 2, 0, 6_000_000L, 1_000_000L, new long[] {2_000_000L, 4_000_000L}));
        methods.put(step, SampleProfiles.method(step, 10, 1, 5_000_000L, 5_000_000L, new long[] {500_000L}));
        CallTreeNode root = CallTreeNode.root();
        CallTreeNode jobNode = root.child(job);
        jobNode.add(2, 6_000_000L, 1_000_000L);
        jobNode.child(step).add(10, 5_000_000L, 5_000_000L);
        Profile other = new Profile(Map.of(SessionKeys.PID, "77", SessionKeys.CLASSES_INSTRUMENTED, "2"), methods, root,
                Map.of(), Map.of(), List.of());

        Profile merged = ProfileMerger.merge(List.of(one, other));

        assertThat(merged.methods()).extracting(MethodProfile::method)
                .containsExactlyInAnyOrder(SampleProfiles.MAIN, SampleProfiles.HANDLE, SampleProfiles.PARSE, SampleProfiles.INIT,
                        job, step);
        for (Profile part : List.of(one, other)) {
            for (MethodProfile m : part.methods()) {
                MethodProfile kept = merged.method(m.method());
                assertThat(kept.calls()).as("calls of %s", m.method()).isEqualTo(m.calls());
                assertThat(kept.exceptions()).isEqualTo(m.exceptions());
                assertThat(kept.totalNanos()).isEqualTo(m.totalNanos());
                assertThat(kept.selfNanos()).isEqualTo(m.selfNanos());
                assertThat(kept.minNanos()).isEqualTo(m.minNanos());
                assertThat(kept.maxNanos()).isEqualTo(m.maxNanos());
                assertThat(kept.histogram()).isEqualTo(m.histogram());
            }
        }
        assertThat(merged.callTree().children()).extracting(CallTreeNode::method).containsExactly(SampleProfiles.MAIN, job);
        assertThat(merged.callTree().child(job).child(step).calls()).isEqualTo(10);
        assertThat(merged.callTree().child(SampleProfiles.MAIN).child(SampleProfiles.HANDLE).child(SampleProfiles.PARSE).calls())
                .isEqualTo(200);
        assertThat(merged.edges()).hasSize(one.edges().size() + other.edges().size());
        assertThat(merged.session()).containsEntry(SessionKeys.PID, "4242,77").containsEntry(SessionKeys.CLASSES_INSTRUMENTED, "5");
    }
}
