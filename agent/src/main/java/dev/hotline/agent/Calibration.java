package dev.hotline.agent;

import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.ProbeCalibration;
import dev.hotline.runtime.ProbeCosts;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sets the timing mode and measures what the probes cost in this JVM before any class is
 * instrumented ({@link ProbeCalibration}, on a thread of its own; start-up waits for it, so the
 * first instrumented call is already compensated), and returns the facts the dump records: the
 * mode, the budget, the figures and how long measuring took.
 *
 * <p>Must not be loaded before {@link BootstrapRuntime#inject} (it refers to the runtime).
 */
final class Calibration {

    /** The most start-up may wait for the measurement; it usually takes less. */
    static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(80);

    private Calibration() {
    }

    static Map<String, String> run(AgentOptions options) {
        ProbeCosts.configure(options.exactTiming(), options.budgetPercent() / 100);
        long start = System.nanoTime();
        long[] costs;
        try {
            costs = ProbeCalibration.run(BUDGET_NANOS);
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            costs = null;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        SessionFacts.Builder facts = SessionFacts.builder()
                .text(SessionKeys.TIMING, options.exactTiming() ? "exact" : "adaptive")
                .text(SessionKeys.BUDGET_PERCENT, String.format(Locale.ROOT, "%.1f", options.budgetPercent()))
                .number(SessionKeys.CALIBRATION_MILLIS, millis);
        if (costs == null) {
            Log.warn("could not measure the probes' cost: times are reported as measured, probe cost included");
            return facts.build();
        }
        for (int i = 0; i < costs.length; i++) {
            facts.number(SessionKeys.CALIBRATION_PS.get(i), costs[i]);
        }
        Log.info(String.format(Locale.ROOT, "calibrated in %d ms: a timed call costs %.1f ns (%.1f ns inside it), "
                + "an untimed call %.1f ns, a timed line %.1f ns", millis, costs[1] / 1000.0, costs[0] / 1000.0,
                costs[2] / 1000.0, costs[6] / 1000.0));
        return facts.build();
    }
}
