package dev.hotline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadRecorderTest {

    private final ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread());

    @Test
    void self_time_is_total_minus_instrumented_callees_exactly() {
        recorder.enter(1);
        recorder.enter(2);
        recorder.exit(2, false);
        recorder.enter(3);
        recorder.exit(3, false);
        recorder.exit(1, false);

        MethodCounters outer = recorder.methodCounters(1);
        long callees = recorder.methodCounters(2).totalNanos() + recorder.methodCounters(3).totalNanos();
        assertThat(outer.calls()).isEqualTo(1);
        assertThat(outer.selfNanos()).isEqualTo(outer.totalNanos() - callees);
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void recursion_counts_every_call_but_the_outermost_time_once() {
        recorder.enter(7);
        recorder.enter(7);
        recorder.enter(7);
        recorder.exit(7, false);
        recorder.exit(7, false);
        recorder.exit(7, false);

        MethodCounters m = recorder.methodCounters(7);
        CallNode outermost = recorder.callTreeRoot().child(7);
        assertThat(m.calls()).isEqualTo(3);
        assertThat(m.totalNanos()).isEqualTo(outermost.totalNanos());
        assertThat(m.selfNanos()).isEqualTo(outermost.totalNanos()); // the callees are itself
        assertThat(outermost.child(7).child(7).calls()).isEqualTo(1);
    }

    @Test
    void calls_ended_by_an_exception_are_counted_and_timed() {
        recorder.enter(4);
        recorder.exit(4, true);
        recorder.enter(4);
        recorder.exit(4, false);

        MethodCounters m = recorder.methodCounters(4);
        assertThat(m.calls()).isEqualTo(2);
        assertThat(m.exceptions()).isEqualTo(1);
        assertThat(m.minNanos()).isLessThanOrEqualTo(m.maxNanos());
    }

    @Test
    void frames_left_without_an_exit_are_dropped_when_a_frame_below_exits() {
        recorder.enter(1);
        recorder.enter(2); // its exit never runs
        recorder.exit(1, false);

        assertThat(recorder.methodCounters(1).calls()).isEqualTo(1);
        assertThat(recorder.methodCounters(2).calls()).isZero();
        assertThat(recorder.methodCounters(2).active).isZero();
        assertThat(recorder.abandonedFrames()).isEqualTo(1);
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void an_exit_without_an_entry_is_ignored() {
        recorder.exit(9, false);
        recorder.enter(1);
        recorder.exit(9, false);
        recorder.exit(1, false);

        assertThat(recorder.methodCounters(1).calls()).isEqualTo(1);
        assertThat(recorder.methodCounters(9)).isNull();
    }

    @Test
    void deep_stacks_and_large_ids_grow_the_arrays() {
        for (int depth = 0; depth < 1000; depth++) {
            recorder.enter(depth * 10);
        }
        for (int depth = 999; depth >= 0; depth--) {
            recorder.exit(depth * 10, false);
        }
        assertThat(recorder.methodCounters(9990).calls()).isEqualTo(1);
        assertThat(recorder.openCalls()).isZero();
    }

    @Test
    void a_call_tree_node_finds_each_of_many_children_again() {
        CallNode root = new CallNode(CallNode.ROOT_ID);
        List<CallNode> created = new ArrayList<>();
        for (int id = 0; id < 500; id++) {
            created.add(root.child(id * 31));
        }
        for (int id = 0; id < 500; id++) {
            assertThat(root.child(id * 31)).isSameAs(created.get(id));
        }
        assertThat(root.children()).hasSize(500);
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
                    ThreadRecorder r = Probes.enter(3);
                    Probes.exit(r, 3);
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
                total += r.methodCounters(3).calls();
            }
        }
        assertThat(total).isEqualTo((long) threads * callsPerThread);
    }
}
