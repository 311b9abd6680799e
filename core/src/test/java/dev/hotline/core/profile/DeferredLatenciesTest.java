package dev.hotline.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A captured method's latencies stay where they were recorded until asked for: a dump adds them
 * into one scratch histogram a method at a time, and a snapshot adds the ended threads' totals
 * without copying them, while adding into running totals copies.
 */
class DeferredLatenciesTest {

    private static final MethodRef METHOD = new MethodRef("com.acme.App", "run", "()V");

    private static Histogram of(long... values) {
        Histogram h = MethodProfile.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void a_deferred_source_is_read_only_when_asked_and_adding_into_a_scratch_histogram_makes_no_histogram() {
        AtomicInteger reads = new AtomicInteger();
        MethodProfile method = MethodProfile.deferred(METHOD, into -> {
            reads.incrementAndGet();
            into.recordValue(100);
        });
        assertThat(reads).hasValue(0);

        Histogram scratch = MethodProfile.newHistogram();
        method.addLatenciesTo(scratch);
        method.addLatenciesTo(scratch);

        assertThat(scratch.getTotalCount()).isEqualTo(2);
        assertThat(reads).as("not kept: read again each time").hasValue(2);
        assertThat(method.histogram().getTotalCount()).isEqualTo(1);
        assertThat(method.histogram().getTotalCount()).isEqualTo(1);
        assertThat(reads).as("the histogram, once made, is kept").hasValue(3);
    }

    @Test
    void adding_all_copies_the_latencies_so_later_changes_to_the_part_do_not_show() {
        Histogram recorded = of(10, 20);
        MethodProfile part = MethodProfile.deferred(METHOD, into -> into.add(recorded));
        MethodProfile totals = new MethodProfile(METHOD);

        totals.addAll(part);
        recorded.recordValue(30);

        assertThat(totals.histogram().getTotalCount()).isEqualTo(2);
    }

    @Test
    void adding_all_later_reads_the_part_when_asked_and_leaves_the_part_unchanged() {
        MethodProfile retired = new MethodProfile(METHOD, of(10, 20));
        MethodProfile live = MethodProfile.deferred(METHOD, into -> into.recordValue(5_000));
        live.add(1, 0, 5_000, 5_000, 5_000, 5_000);
        retired.add(2, 0, 30, 30, 10, 20);

        live.addAllLater(retired);
        Histogram scratch = MethodProfile.newHistogram();
        live.addLatenciesTo(scratch);

        assertThat(live.calls()).isEqualTo(3);
        assertThat(scratch.getTotalCount()).isEqualTo(3);
        assertThat(live.histogram().getTotalCount()).isEqualTo(3);
        assertThat(retired.histogram().getTotalCount()).as("the retired totals are not added into").isEqualTo(2);
        assertThat(live.percentileNanos(100)).isEqualTo(5_000);
    }

    @Test
    void adding_all_later_sees_what_the_part_holds_when_read_not_when_added() {
        MethodProfile retired = new MethodProfile(METHOD, of(10));
        MethodProfile live = MethodProfile.deferred(METHOD, into -> into.recordValue(5_000));

        live.addAllLater(retired);
        retired.histogram().recordValue(20); // the totals gain a call before the dump reads them

        assertThat(live.histogram().getTotalCount()).isEqualTo(3);
    }

    @Test
    void adding_into_a_profile_that_shares_an_empty_histogram_leaves_the_shared_one_empty() {
        Histogram shared = MethodProfile.newHistogram();
        MethodProfile first = new MethodProfile(METHOD, shared);
        MethodProfile second = new MethodProfile(METHOD, shared);

        first.addAll(new MethodProfile(METHOD, of(10, 20)));

        assertThat(first.histogram().getTotalCount()).isEqualTo(2);
        assertThat(shared.getTotalCount()).isZero();
        assertThat(second.histogram().getTotalCount()).isZero();
    }

    @Test
    void a_line_adds_its_deferred_time_per_hit_the_same_way() {
        LineProfile line = LineProfile.deferred(new dev.hotline.core.probe.LineRef(METHOD, "App.java", 3),
                into -> into.recordValue(7));
        LineProfile totals = LineProfile.empty(line.line(), true);

        totals.addAllLater(line);

        assertThat(totals.timed()).isTrue();
        assertThat(totals.histogram().getTotalCount()).isEqualTo(1);
    }
}
