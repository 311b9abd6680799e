package dev.hotline.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.runtime.Probes;
import dev.hotline.runtime.ThreadRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A capture reads latencies when a writer asks for them, which can be seconds later; a thread
 * still running meanwhile must not make them disagree with the counts captured: its buckets are
 * copied at the capture.
 */
class RunningThreadCaptureTest {

    private static final MethodRef WORK = new MethodRef("com.acme.Busy", "work", "()V");

    @Test
    void calls_a_running_thread_makes_after_the_capture_are_not_in_the_latencies_written_later() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        int work = catalog.registerMethod(WORK);
        CountDownLatch captured = new CountDownLatch(1);
        CountDownLatch ranTen = new CountDownLatch(1);
        CountDownLatch ranMore = new CountDownLatch(1);
        AtomicReference<ThreadRecorder> recorder = new AtomicReference<>();
        Thread busy = new Thread(() -> {
            for (int i = 0; i < 1_010; i++) {
                if (i == 10) {
                    ranTen.countDown();
                    await(captured);
                }
                ThreadRecorder r = Probes.recorder();
                int caller = Probes.enter(r, work);
                recorder.set(r);
                Probes.exit(r, caller, work);
            }
            ranMore.countDown();
            await(new CountDownLatch(1)); // stays alive: a running thread, not an ended one
        }, "running-thread-capture-test");
        busy.setDaemon(true);
        busy.start();
        ranTen.await();

        Profile profile = RuntimeSnapshot.capture(catalog, Map.of(), List.of(recorder.get()), InstanceSizes.UNKNOWN);
        captured.countDown();
        ranMore.await();

        MethodProfile method = profile.method(WORK);
        assertThat(method.calls()).isEqualTo(10);
        assertThat(method.latenciesOnce(MethodProfile::newHistogram).getTotalCount())
                .as("the latencies as of the capture, read after 1,000 more calls").isEqualTo(10);
        busy.interrupt();
        busy.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
