package dev.hotline.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionFactsTest {

    @Test
    void numbers_read_as_numbers_and_anything_else_as_absent() {
        SessionFacts facts = new SessionFacts(Map.of(SessionKeys.THREADS, "12", SessionKeys.OPEN_CALLS, "many",
                SessionKeys.ABANDONED_FRAMES, "", SessionKeys.START_EPOCH_MILLIS, "-5"));

        assertThat(facts.number(SessionKeys.THREADS)).hasValue(12);
        assertThat(facts.number(SessionKeys.START_EPOCH_MILLIS)).hasValue(-5);
        assertThat(facts.number(SessionKeys.OPEN_CALLS)).isEmpty();
        assertThat(facts.number(SessionKeys.ABANDONED_FRAMES)).isEmpty();
        assertThat(facts.number(SessionKeys.PID)).isEmpty();
        assertThat(facts.count(SessionKeys.THREADS)).isEqualTo(12);
        assertThat(facts.count(SessionKeys.OPEN_CALLS)).isZero();
        assertThat(facts.count(SessionKeys.PID)).isZero();
    }

    @Test
    void the_recording_spans_from_start_to_end_only_when_both_are_known() {
        Map<String, String> both = Map.of(SessionKeys.START_EPOCH_MILLIS, "1700000000000",
                SessionKeys.END_EPOCH_MILLIS, "1700000002500");

        assertThat(new SessionFacts(both).startMillis()).hasValue(1_700_000_000_000L);
        assertThat(new SessionFacts(both).endMillis()).hasValue(1_700_000_002_500L);
        assertThat(new SessionFacts(both).recordedMillis()).hasValue(2_500);
        assertThat(new SessionFacts(Map.of(SessionKeys.START_EPOCH_MILLIS, "1")).recordedMillis()).isEmpty();
        assertThat(new SessionFacts(Map.of(SessionKeys.START_EPOCH_MILLIS, "1", SessionKeys.END_EPOCH_MILLIS, "x"))
                .recordedMillis()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void the_builder_keeps_the_given_facts_first_and_the_order_of_writing() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put(SessionKeys.PID, "7");
        given.put(SessionKeys.THREADS, "1");

        Map<String, String> facts = SessionFacts.builder(given)
                .text(SessionKeys.HOST, null)
                .text(SessionKeys.COMMAND, "app --fast")
                .number(SessionKeys.METHOD_PROBES, 3)
                .counts(4, 5, 6)
                .build();

        assertThat(facts).containsExactly(Map.entry(SessionKeys.PID, "7"), Map.entry(SessionKeys.THREADS, "4"),
                Map.entry(SessionKeys.COMMAND, "app --fast"), Map.entry(SessionKeys.METHOD_PROBES, "3"),
                Map.entry(SessionKeys.OPEN_CALLS, "5"), Map.entry(SessionKeys.ABANDONED_FRAMES, "6"));
        assertThat(given).as("the given facts are copied").hasSize(2).containsEntry(SessionKeys.THREADS, "1");
    }

    @Test
    void a_profile_reads_its_own_facts() {
        Profile profile = new Profile(Map.of(SessionKeys.THREADS, "3"), new LinkedHashMap<>(), CallTreeNode.root(),
                Map.of(), Map.of(), java.util.List.of());

        assertThat(profile.facts().count(SessionKeys.THREADS)).isEqualTo(3);
    }
}
