package dev.hotline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadRecorderTest {

    private final ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread());

    @AfterEach
    void uncalibrated() {
        ProbeCosts.set();
        ProbeCosts.configure(false, 0.05);
    }

    private static CallNode node(CallNode parent, int id) {
        for (CallNode child : parent.children()) {
            if (child.methodId() == id) {
                return child;
            }
        }
        return null;
    }

    private CallNode node(int... path) {
        CallNode n = recorder.callTreeRoot();
        for (int id : path) {
            n = node(n, id);
        }
        return n;
    }

    private void call(int id) {
        int caller = recorder.enter(id);
        recorder.exit(caller, id);
    }

    @Test
    void counts_every_call_in_its_calling_context_exactly() {
        int caller1 = recorder.enter(1);
        call(2);
        call(2);
        int caller3 = recorder.enter(3);
        call(2);
        recorder.exit(caller3, 3);
        recorder.exit(caller1, 1);

        assertThat(node(1).calls()).isEqualTo(1);
        assertThat(node(1, 2).calls()).isEqualTo(2);
        assertThat(node(1, 3, 2).calls()).isEqualTo(1);
        assertThat(recorder.openCalls()).isZero();
    }

    /** 1 → 2 → 1 (folded onto 1) → 3 → 3 (folded onto 1 → 3), then 1 → 3 again once the fold has ended. */
    private int[] foldThenCallBeneathIt() {
        int t1 = recorder.enter(1);
        int t2 = recorder.enter(2);
        int t1b = recorder.enter(1);
        int t3 = recorder.enter(3);
        int t3b = recorder.enter(3);
        recorder.exit(t3b, 3);
        recorder.exit(t3, 3);
        recorder.exit(t1b, 1);
        recorder.exit(t2, 2);
        int t3c = recorder.enter(3);
        recorder.exit(t3c, 3);
        recorder.exit(t1, 1);
        return new int[] {t1b, t3, t3b, t3c};
    }

    @Test
    void an_untimed_call_beneath_a_folded_call_is_marked_open_out_of_line_so_its_own_recursion_folds_onto_it() {
        foldThenCallBeneathIt(); // makes the nodes (uncalibrated: every call timed)
        node(1).countdown = Integer.MAX_VALUE;
        node(1, 2).countdown = Integer.MAX_VALUE;
        node(1, 3).countdown = Integer.MAX_VALUE; // from here on, untimed
        int[] tokens = foldThenCallBeneathIt();

        assertThat(tokens[0]).as("the recursive call of 1: folded").isEqualTo(ThreadRecorder.SLOW_EXIT);
        assertThat(tokens[1]).as("3 beneath the fold: untimed, entered with its open mark (~caller)")
                .isNegative().isNotEqualTo(ThreadRecorder.SLOW_EXIT);
        assertThat(~tokens[1]).isEqualTo(node(1).index);
        assertThat(tokens[2]).as("3 inside 3: folded onto it, because it was marked open").isEqualTo(ThreadRecorder.SLOW_EXIT);
        assertThat(tokens[3]).as("3 once the fold has ended: the inlined fast path").isEqualTo(node(1).index);
        assertThat(node(1).calls()).isEqualTo(2);
        assertThat(node(1).foldedCalls()).isEqualTo(2);
        assertThat(node(1, 2).calls()).isEqualTo(2);
        assertThat(node(1, 3).calls()).isEqualTo(4);
        assertThat(node(1, 3).foldedCalls()).isEqualTo(2);
        assertThat(node(1, 2, 1)).as("no method twice on a path").isNull();
        assertThat(node(1, 3, 3)).isNull();
        assertThat(recorder.methodCounters(3).openIndex).as("its exit cleared the mark").isZero();
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void uncalibrated_every_call_is_timed_and_nothing_is_subtracted() {
        int caller1 = recorder.enter(1);
        call(2);
        recorder.exit(caller1, 1);

        assertThat(node(1).timedCalls()).isEqualTo(1);
        assertThat(node(1).totalNanos()).isEqualTo(node(1).measuredNanos());
        assertThat(node(1).totalNanos()).isGreaterThanOrEqualTo(node(1, 2).totalNanos());
    }

    @Test
    void a_timed_call_loses_its_own_inner_cost_and_the_whole_cost_of_every_probe_beneath_it() {
        // ps: timed inner 1,000, timed call 5,000, untimed call 700, line inner 100, timed line 3,000,
        // a sampled line's pair of probes 6,000 (the exit that ends a line takes 3,000 - 6,000 / 2)
        ProbeCosts.set(1_000, 5_000, 700, 0, 0, 100, 3_000, 0, 0, 0, 0, 6_000, 100);
        int caller1 = recorder.enter(1);
        call(2);          // a timed callee: 5 ns
        Probes.line(recorder, caller1, 1, 0); // starts a line of the caller: 3 ns (the exit ends it: 0 ns)
        call(2);          // 5 ns
        recorder.exit(caller1, 1); // own inner part: 1 ns

        CallNode outer = node(1);
        assertThat(outer.totalNanos()).isEqualTo(outer.measuredNanos() - 1 - 5 - 3 - 5);
        CallNode inner = node(1, 2);
        assertThat(inner.totalNanos()).isEqualTo(inner.measuredNanos() - 2); // two calls, 1 ns inner each
    }

    @Test
    void a_recorded_time_below_the_subtracted_cost_is_clamped_to_zero_and_counted() {
        ProbeCosts.set(1_000_000_000L, 1_000_000_000L, 0, 0, 0, 0, 0, 0, 0, 0); // 1 ms inner: more than any empty call
        call(5);

        assertThat(recorder.methodCounters(5).maxNanos()).isZero();
        assertThat(node(5).totalNanos()).isNegative(); // sums keep the signed estimate
        assertThat(recorder.clampedTimes()).isEqualTo(1);
    }

    @Test
    void short_frequent_calls_are_sampled_with_every_call_still_counted() {
        // a timed call costs 50 us, an untimed one 10 us: an empty method cannot afford its timer
        ProbeCosts.set(0, 50_000_000, 10_000_000, 0, 0, 0, 0, 0, 0, 0);
        int calls = MethodCounters.DECISION_WINDOW + 200_000;
        for (int i = 0; i < calls; i++) {
            call(6);
        }

        CallNode n = node(6);
        assertThat(n.calls()).isEqualTo(calls);
        assertThat(recorder.methodCounters(6).samplingInterval()).isEqualTo(ProbeCosts.MAX_INTERVAL);
        long sampled = n.timedCalls() - MethodCounters.FIRST_WINDOW; // the first window is timed throughout
        long expected = (calls - MethodCounters.FIRST_WINDOW) / ProbeCosts.MAX_INTERVAL;
        assertThat(sampled).isBetween(expected / 2, expected * 2);
        assertThat(histogramCount(recorder.methodCounters(6).latencies()))
                .as("each sample counts for the calls it stands for")
                .isBetween(calls * 8L / 10, calls * 12L / 10);
    }

    @Test
    void the_first_sampling_decision_comes_after_a_few_timed_calls_and_the_window_then_doubles() {
        // the first decision is taken in exact mode: every call stays timed
        ProbeCosts.set(0, 50_000_000, 10_000_000, 0, 0, 0, 0, 0, 0, 0);
        ProbeCosts.configure(true, 0.05);
        for (int i = 0; i < MethodCounters.FIRST_WINDOW; i++) {
            call(6);
        }
        assertThat(recorder.methodCounters(6).samplingInterval()).isEqualTo(1);
        // adaptive now, and an empty method cannot afford its timer (50 us): the next decision, a window
        // of twice the calls later, samples it
        ProbeCosts.configure(false, 0.05);
        for (int i = 0; i < 2 * MethodCounters.FIRST_WINDOW - 1; i++) {
            call(6);
        }
        assertThat(recorder.methodCounters(6).samplingInterval()).as("one call before the second decision").isEqualTo(1);
        call(6);
        assertThat(recorder.methodCounters(6).samplingInterval()).isEqualTo(ProbeCosts.MAX_INTERVAL);
        assertThat(node(6).timedCalls()).isEqualTo(3L * MethodCounters.FIRST_WINDOW);
    }

    @Test
    void a_method_whose_calls_spend_their_time_in_callees_is_sampled_by_its_own_time_not_its_total() {
        // a timed call costs 2 us: at a 5 % budget a call needs 40 us of its own to be timed every time
        ProbeCosts.set(0, 2_000_000, 0, 0, 2_000_000, 0, 0, 0, 0, 0);
        // At least four first windows; on until the caller is sampled at the largest interval, as far
        // as 2,000 calls: a pause of the thread outside the callee (this machine is shared) can give
        // one window a few us of the caller's own, and a later window decides again.
        int calls = 0;
        while (calls < 4 * MethodCounters.FIRST_WINDOW
                || calls < 2_000 && recorder.methodCounters(7).samplingInterval() != ProbeCosts.MAX_INTERVAL) {
            int caller7 = recorder.enter(7);          // 100 us in total, almost none of it its own
            int caller8 = recorder.enter(8);
            spin(100_000);              // 100 us of its own
            recorder.exit(caller8, 8);
            recorder.exit(caller7, 7);
            calls++;
        }

        assertThat(node(7).calls()).isEqualTo(calls);
        assertThat(node(7, 8).calls()).isEqualTo(calls);
        assertThat(recorder.methodCounters(8).samplingInterval()).as("the callee: long calls of its own").isEqualTo(1);
        assertThat(recorder.methodCounters(7).samplingInterval()).as("the caller: 100 us calls, none of it its own")
                .isEqualTo(ProbeCosts.MAX_INTERVAL);
    }

    @Test
    void a_method_whose_timed_calls_time_many_lines_is_sampled_by_the_cost_of_its_lines_too() {
        // ps: a timed call 2 us, a line probe of a timed call 10 us whether it times its line or not
        // (so the lines are not sampled), a counted line 1 ns. Each line spins for what its probe is
        // said to cost, so that the subtraction leaves the call's own 200 us. At a 5 % budget such a
        // call may be timed every time (2 us <= 10 us), unless the recorder tells the decision what
        // the 100 lines each timed call entered cost: 1 ms, which asks for about one call in 100.
        // (The arithmetic of the decision itself: ProbeCostsTest.)
        ProbeCosts.set(0, 2_000_000, 0, 0, 2_000_000, 0, 10_000_000, 1_000, 0, 0, 10_000_000, 20_000_000, 0);
        int calls = 4 * MethodCounters.FIRST_WINDOW;
        for (int i = 0; i < calls; i++) {
            int caller7 = recorder.enter(7); // no line probes
            spin(200_000);
            recorder.exit(caller7, 7);
            int caller8 = recorder.enter(8); // the same work, entering 100 line probes
            for (int line = 0; line < 100; line++) {
                Probes.line(recorder, caller8, 8, line);
                spin(10_000);
            }
            spin(200_000);
            recorder.exit(caller8, 8);
        }

        assertThat(node(8).calls()).isEqualTo(calls);
        assertThat(recorder.methodCounters(7).samplingInterval()).as("without lines").isEqualTo(1);
        assertThat(recorder.methodCounters(8).samplingInterval()).as("with 100 timed lines a call")
                .isGreaterThanOrEqualTo(20);
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void a_sampled_call_struck_by_a_pause_counts_as_itself_not_for_the_calls_it_stands_for() throws InterruptedException {
        ProbeCosts.set(0, 50_000_000, 10_000_000, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < MethodCounters.DECISION_WINDOW + 10; i++) {
            call(6);
        }
        CallNode n = node(6);
        assertThat(n.interval).isEqualTo(ProbeCosts.MAX_INTERVAL);
        long before = n.totalNanos();
        n.countdown = 1; // the next call is timed, and stands for 1,024 calls
        int caller6 = recorder.enter(6);
        Thread.sleep(2);
        recorder.exit(caller6, 6);

        long added = n.totalNanos() - before;
        assertThat(added).as("the pause, once").isBetween(2_000_000L, 200_000_000L);
    }

    @Test
    void exact_timing_times_every_call_however_short() {
        ProbeCosts.set(0, 50_000, 1_000, 0, 0, 0, 0, 0, 0, 0);
        ProbeCosts.configure(true, 0.05);
        int calls = 3 * MethodCounters.DECISION_WINDOW;
        for (int i = 0; i < calls; i++) {
            call(6);
        }
        assertThat(node(6).timedCalls()).isEqualTo(calls);
        assertThat(recorder.methodCounters(6).samplingInterval()).isEqualTo(1);
    }

    @Test
    void calls_ended_by_an_exception_are_counted_and_timed() throws InterruptedException {
        recorder.enter(4);
        Thread.sleep(2);
        recorder.exitThrown(4);
        call(4);

        MethodCounters m = recorder.methodCounters(4);
        assertThat(node(4).calls()).isEqualTo(2);
        assertThat(m.exceptions()).isEqualTo(1);
        assertThat(m.maxNanos()).as("the sleeping call").isGreaterThanOrEqualTo(2_000_000);
        assertThat(m.minNanos()).as("the empty call").isLessThan(2_000_000);
        assertThat(node(4).totalNanos()).isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    void frames_left_without_an_exit_are_dropped_when_a_frame_below_exits() {
        int caller1 = recorder.enter(1);
        recorder.enter(2); // its exit never runs
        recorder.exit(caller1, 1);

        assertThat(node(1).calls()).isEqualTo(1);
        assertThat(node(1, 2).calls()).isZero();
        assertThat(recorder.abandonedFrames()).isEqualTo(1);
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void an_exit_without_an_entry_is_ignored() {
        recorder.exit(0, 9);
        int caller1 = recorder.enter(1);
        recorder.exit(0, 9);
        recorder.exit(caller1, 1);

        assertThat(node(1).calls()).isEqualTo(1);
        assertThat(recorder.methodCounters(9)).isNull();
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void the_discarding_recorder_records_nothing_and_throws_nothing() {
        ThreadRecorder discard = ThreadRecorder.DISCARD;
        int caller1 = discard.enter(1);
        Probes.line(discard, caller1, 1, 0);
        discard.allocation(0);
        discard.exit(caller1, 1);
        discard.exitThrown(1);
        assertThat(discard.callTreeRoot().children()).isEmpty();
        assertThat(discard.openCalls()).isZero();
    }

    @Test
    void deep_stacks_and_large_ids_grow_the_arrays() {
        int[] callers = new int[1000];
        for (int depth = 0; depth < 1000; depth++) {
            callers[depth] = recorder.enter(depth * 10);
        }
        for (int depth = 999; depth >= 0; depth--) {
            recorder.exit(callers[depth], depth * 10);
        }
        CallNode n = recorder.callTreeRoot();
        for (int depth = 0; depth < 1000; depth++) {
            n = node(n, depth * 10);
        }
        assertThat(n.calls()).isEqualTo(1);
        assertThat(recorder.methodCounters(9990).timedCalls()).isEqualTo(1);
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void a_call_tree_node_finds_each_of_many_children_again() {
        CallNode root = new CallNode(CallNode.ROOT_ID, null, -1);
        List<CallNode> created = new ArrayList<>();
        for (int id = 0; id < 500; id++) {
            created.add(root.findOrAdd(id * 31, null));
        }
        for (int id = 0; id < 500; id++) {
            assertThat(root.findOrAdd(id * 31, null)).isSameAs(created.get(id));
            CallNode fast = root.child(id * 31);
            assertThat(fast == null || fast == created.get(id)).isTrue();
        }
        assertThat(root.children()).hasSize(500);
    }

    @Test
    void pages_hold_ids_far_apart_without_an_array_as_long_as_every_id() {
        Paged<long[]> paged = new Paged<>();
        paged.getOrCreate(70_000, id -> new long[] {id});
        assertThat(paged.get(70_000)).containsExactly(70_000);
        assertThat(paged.get(69_999)).isNull();
        assertThat(paged.get(1 << 30)).isNull();
        assertThat(paged.idLimit()).isGreaterThan(70_000);
    }

    @Test
    void many_threads_count_exactly_without_lost_updates() throws InterruptedException {
        int threads = 8;
        int callsPerThread = 50_000;
        List<Thread> workers = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < callsPerThread; i++) {
                    ThreadRecorder r = Probes.recorder();
                    Probes.exit(r, Probes.enter(r, 3), 3);
                }
            });
            workers.add(worker);
            ids.add(worker.getId());
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long total = 0;
        for (ThreadRecorder r : Recorders.all()) {
            if (ids.contains(r.threadId())) {
                total += node(r.callTreeRoot(), 3).calls();
            }
        }
        assertThat(total).isEqualTo((long) threads * callsPerThread);
    }

    static long histogramCount(LatencyBuckets buckets) {
        long n = buckets.firstSampleCount();
        for (int b = 0; b < LatencyBuckets.BUCKET_COUNT; b++) {
            long[] counts = buckets.bucket(b);
            for (int i = 0; counts != null && i < counts.length; i++) {
                n += counts[i];
            }
        }
        return n;
    }
}
