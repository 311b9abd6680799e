package dev.hotline.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.Probes;
import dev.hotline.runtime.ThreadRecorder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint's capture ({@link ThreadRetirement#methodSnapshot}) against the dump's
 * ({@link ThreadRetirement#snapshot}): the same counts and times for every method, threads that
 * ended included, and the same latency histogram for the methods it was asked for.
 */
class MethodSnapshotTest {

    private static final MethodRef OUTER = new MethodRef("com.acme.metrics.Outer", "run", "()V");
    private static final MethodRef INNER = new MethodRef("com.acme.metrics.Inner", "step", "(I)I");

    @Test
    void counts_match_the_full_snapshot_and_only_the_chosen_methods_get_their_latencies() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        assertThat(catalog.registerMethod(OUTER)).isZero();
        assertThat(catalog.registerMethod(INNER)).isEqualTo(1);
        ThreadRetirement threads = new ThreadRetirement(catalog, InstanceSizes.UNKNOWN);
        runCalls(40);
        assertThat(threads.retireEnded()).isPositive(); // this one's data now lives in the retired totals
        runCalls(25);                                  // and this one's in its recorder

        Profile full = threads.snapshot(Map.of(SessionKeys.PID, "1"), snapshot -> {
            snapshot.methods().forEach(MethodProfile::histogram); // read while the snapshot holds
            return snapshot;
        });
        Profile metrics = threads.methodSnapshot(Map.of(SessionKeys.PID, "1"), methods -> {
            assertThat(methods).extracting(MethodProfile::method).contains(OUTER, INNER);
            return Set.of(OUTER);
        });

        for (MethodRef ref : new MethodRef[] {OUTER, INNER}) {
            MethodProfile expected = full.method(ref);
            MethodProfile actual = metrics.method(ref);
            assertThat(actual.calls()).as("%s calls", ref).isEqualTo(expected.calls());
            assertThat(actual.exceptions()).isEqualTo(expected.exceptions());
            assertThat(actual.totalNanos()).isEqualTo(expected.totalNanos());
            assertThat(actual.selfNanos()).isEqualTo(expected.selfNanos());
            assertThat(actual.timedCalls()).isEqualTo(expected.timedCalls());
            assertThat(actual.minNanos()).isEqualTo(expected.minNanos());
            assertThat(actual.maxNanos()).isEqualTo(expected.maxNanos());
        }
        assertThat(metrics.method(OUTER).calls()).isGreaterThanOrEqualTo(65);
        assertThat(metrics.method(OUTER).histogram()).isEqualTo(full.method(OUTER).histogram());
        Profile again = threads.snapshot(Map.of(SessionKeys.PID, "1"), snapshot -> {
            snapshot.methods().forEach(MethodProfile::histogram);
            return snapshot;
        });
        assertThat(again.method(OUTER).histogram()).as("reading a snapshot leaves the retired totals as they were")
                .isEqualTo(full.method(OUTER).histogram());
        assertThat(metrics.method(OUTER).histogram().getTotalCount()).isEqualTo(full.method(OUTER).calls());
        assertThat(metrics.method(INNER).histogram().getTotalCount()).as("not asked for").isZero();
        assertThat(metrics.callTree().children()).isEmpty();
        for (String summed : SessionKeys.SUMMED) {
            assertThat(metrics.session().get(summed)).as(summed).isEqualTo(full.session().get(summed));
        }
    }

    /** {@code n} calls of OUTER, each calling INNER twice, one in ten ending by an exception, on a thread that then ends. */
    private static void runCalls(int n) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ThreadRecorder outer = Probes.recorder();
                    int outerCaller = Probes.enter(outer, 0);
                    Probes.exit(outer, Probes.enter(outer, 1), 1);
                    Probes.exit(outer, Probes.enter(outer, 1), 1);
                    if (i % 10 == 0) {
                        Probes.exitThrown(outer, 0);
                    } else {
                        Probes.exit(outer, outerCaller, 0);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "method-snapshot-test");
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
    }
}
