package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.capture.InstanceSizes;
import dev.hotline.core.capture.RuntimeSnapshot;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.Profile;
import dev.hotline.runtime.Recorders;
import dev.hotline.runtime.ThreadRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a validation target (a Runnable with a no-argument constructor) loaded through an
 * instrumenting loader, in a thread of its own, and returns what that thread recorded.
 */
final class TargetRunner {

    private TargetRunner() {
    }

    static Profile run(ClassLoader loader, String className, ProbeCatalog catalog) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Runnable runnable = (Runnable) loader.loadClass(className).getDeclaredConstructor().newInstance();
                runnable.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("target failed", failure.get());
        }
        List<ThreadRecorder> mine = Recorders.all().stream().filter(r -> r.threadId() == thread.getId()).toList();
        assertThat(mine).hasSize(1);
        Profile profile = RuntimeSnapshot.capture(catalog, Map.<String, String>of(), mine, InstanceSizes.UNKNOWN);
        assertThat(profile.session().get("calls.open")).isEqualTo("0");
        return profile;
    }
}
