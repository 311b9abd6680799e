package dev.hotline.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.CallEdge;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.CallTreeLimits;
import dev.hotline.runtime.Probes;
import dev.hotline.runtime.Recorders;
import dev.hotline.runtime.ThreadRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threads that end give their nodes back to the live limit, and their trees join the retired
 * totals: bounded too (at the total limit), so many short threads each running paths of their own
 * cannot grow the retired tree without end; the edges and counts stay exact.
 */
class RetiredCallTreeBoundTest {

    private static final MethodRef TASK = new MethodRef("com.acme.Pool", "task", "()V");
    private static final int THREADS = 20;

    @AfterEach
    void restoreLimits() {
        CallTreeLimits.set(CallTreeLimits.DEFAULT_PER_THREAD, CallTreeLimits.DEFAULT_TOTAL);
    }

    private static MethodRef job(int i) {
        return new MethodRef("com.acme.Job" + i, "run", "()V");
    }

    @Test
    void the_retired_tree_stops_at_the_total_limit_and_the_rest_goes_to_other_paths_with_exact_edges()
            throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        int task = catalog.registerMethod(TASK);
        int[] jobs = new int[THREADS];
        for (int i = 0; i < THREADS; i++) {
            jobs[i] = catalog.registerMethod(job(i));
        }
        // threads of earlier tests in this JVM that ended used the same ids: not this test's to retire
        Recorders.removeEnded();
        ThreadRetirement threads = new ThreadRetirement(catalog, InstanceSizes.UNKNOWN);
        CallTreeLimits.set(100, 5); // each thread needs 2 nodes; the retired tree may hold 5
        for (int i = 0; i < THREADS; i++) {
            int job = jobs[i];
            onThreadThatEnds(() -> {
                ThreadRecorder outer = Probes.recorder();
                int outerCaller = Probes.enter(outer, task);
                Probes.exit(outer, Probes.enter(outer, job), job);
                Probes.exit(outer, outerCaller, task);
            });
            threads.retireEnded();
        }

        Profile profile = threads.snapshot(Map.of(), snapshot -> snapshot);

        assertThat(profile.method(TASK).calls()).isEqualTo(THREADS);
        for (int i = 0; i < THREADS; i++) {
            assertThat(profile.method(job(i)).calls()).isEqualTo(1);
        }
        List<CallTreeNode> all = profile.callTree().descendants();
        long otherCalls = all.stream().filter(CallTreeNode::isOtherPaths).mapToLong(CallTreeNode::calls).sum();
        long nodes = all.stream().filter(n -> !n.isOtherPaths())
                .filter(n -> n.method().equals(TASK) || n.method().className().startsWith("com.acme.Job")).count();
        assertThat(nodes).as("task and the first 4 jobs").isEqualTo(5);
        assertThat(otherCalls).as("the other 16 jobs' calls").isEqualTo(THREADS - 4);
        assertThat(profile.facts().count(SessionKeys.OTHER_PATH_CALLS)).isEqualTo(THREADS - 4);
        for (int i = 0; i < THREADS; i++) {
            MethodRef callee = job(i);
            assertThat(profile.edges()).as("edge task -> job %d", i)
                    .filteredOn(e -> e.caller().equals(TASK) && e.callee().equals(callee))
                    .singleElement().extracting(CallEdge::calls).isEqualTo(1L);
        }
    }

    private static void onThreadThatEnds(Runnable calls) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                calls.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "retired-tree-test");
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
    }
}
