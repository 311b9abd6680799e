package dev.hotline.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * instrumented ({@link ProbeCalibration}, on a thread of its own): start-up waits for its first
 * phase, at most {@link #SYNC_NANOS}, so the first instrumented call is already compensated; the
 * thread then refines the figures in the background for {@link #BACKGROUND_NANOS} while the JIT
 * finishes compiling the probes. {@link #facts} gives what the dump records: the mode, the budget,
 * the latest figures and how long the first phase took.
 *
 * <p>Must not be loaded before {@link BootstrapRuntime#inject} (it refers to the runtime).
 */
final class Calibration {

    private static final Logger LOG = LoggerFactory.getLogger(Calibration.class);

    /** The most start-up waits for the measurement; it usually takes less. */
    static final long SYNC_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long the figures go on being refined in the background, at a few per cent of one core. */
    static final long BACKGROUND_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final AgentOptions options;
    private final long millis;
    private final boolean measured;

    private Calibration(AgentOptions options, long millis, boolean measured) {
        this.options = options;
        this.millis = millis;
        this.measured = measured;
    }

    static Calibration run(AgentOptions options) {
        ProbeCosts.configure(options.exactTiming(), options.budgetPercent() / 100);
        if (options.timesNothing()) {
            // only counted lines: no time to compensate, and a calibration would cost a short run
            // its start-up (on 2 cores it competed with the program and the JIT: 1.8x on the demo)
            return new Calibration(options, 0, false);
        }
        long start = System.nanoTime();
        long[] costs;
        try {
            costs = ProbeCalibration.run(SYNC_NANOS, BACKGROUND_NANOS);
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            costs = null;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (costs == null) {
            LOG.warn("could not measure the probes' cost: times are reported as measured, probe cost included");
        } else {
            LOG.info(String.format(Locale.ROOT, "calibration: first phase %d ms (a timed call %.1f ns so far); "
                    + "it goes on in the background, refining the figures subtracted", millis,
                    costs[1] / 1000.0));
        }
        return new Calibration(options, millis, costs != null);
    }

    /** The timing mode, the budget and the latest figures, for the dump's session facts. */
    Map<String, String> facts() {
        SessionFacts.Builder facts = SessionFacts.builder()
                .text(SessionKeys.TIMING, options.exactTiming() ? "exact" : "adaptive")
                .text(SessionKeys.BUDGET_PERCENT, String.format(Locale.ROOT, "%.1f", options.budgetPercent()))
                .number(SessionKeys.CALIBRATION_MILLIS, millis)
                .number(SessionKeys.CALIBRATION_SETTLED_MILLIS, ProbeCalibration.settledMillis());
        if (measured) { // set since the first phase, settled or not
            long[] costs = ProbeCosts.figures();
            for (int i = 0; i < costs.length; i++) {
                facts.number(SessionKeys.CALIBRATION_PS.get(i), costs[i]);
            }
        }
        return facts.build();
    }
}
