package dev.hotline.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    void merging_disjoint_profiles_keeps_the_methods_of_both() {
        Profile merged = ProfileMerger.merge(List.of(SampleProfiles.threeLevels(), SampleProfiles.empty()));

        assertThat(merged.methods()).hasSize(SampleProfiles.threeLevels().methods().size());
    }
}
