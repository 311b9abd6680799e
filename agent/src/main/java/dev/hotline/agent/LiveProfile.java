package dev.hotline.agent;

import dev.hotline.core.capture.ThreadRetirement;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the agent recorded so far, as a {@link Profile} with this JVM's session facts: what every
 * dump holds ({@link DumpOnExit}) and what the metrics endpoint serves ({@link MetricsEndpoint}).
 * Reads the runtime through {@link ThreadRetirement#snapshot} without stopping the program's threads.
 *
 * <p>Thread-safety: {@link #capture} may run on any thread; the snapshot itself synchronizes.
 */
final class LiveProfile {

    private final ThreadRetirement threads;
    private final TransformStats stats;
    private final String options;
    private final long startMillis;
    private volatile Supplier<Map<String, String>> extraFacts = Map::of;

    LiveProfile(ThreadRetirement threads, TransformStats stats, String options, long startMillis) {
        this.threads = threads;
        this.stats = stats;
        this.options = options;
        this.startMillis = startMillis;
    }

    /** Facts the session adds to every capture, as they are when it is taken (the timing mode and calibration). */
    LiveProfile withFacts(Supplier<Map<String, String>> facts) {
        this.extraFacts = facts;
        return this;
    }

    /**
     * Gives {@code reader} everything recorded so far (threads that ended included), with the facts
     * as of {@code nowMillis}; the profile's latencies are read as the reader asks for them, so it
     * is valid only until the reader returns ({@link ThreadRetirement#snapshot}).
     */
    <T> T capture(long nowMillis, ThreadRetirement.SnapshotReader<T> reader) throws java.io.IOException {
        return threads.snapshot(session(nowMillis), reader);
    }

    /**
     * Every method's counts and times, with latency histograms only for the methods {@code shown}
     * picks ({@link ThreadRetirement#methodSnapshot}): what the metrics endpoint serves.
     */
    Profile captureMethods(long nowMillis, Function<Collection<MethodProfile>, Set<MethodRef>> shown) {
        return threads.methodSnapshot(session(nowMillis), shown);
    }

    /**
     * Every method's counts and times and nothing else (no histogram, call tree, lines or
     * allocations), with the fact {@code dump.leftOut} saying so: what a dump from a full heap holds.
     */
    Profile captureCounts(long nowMillis, String leftOut) {
        Map<String, String> facts = new java.util.LinkedHashMap<>(session(nowMillis));
        facts.put(SessionKeys.DUMP_LEFT_OUT, leftOut);
        return threads.methodSnapshot(facts, all -> Set.of());
    }

    /** The facts about this JVM and the agent; the capture adds the probe and thread counts. */
    private Map<String, String> session(long now) {
        return SessionFacts.builder()
                .number(SessionKeys.PID, ProcessHandle.current().pid())
                .text(SessionKeys.HOST, System.getenv("HOSTNAME"))
                .text(SessionKeys.JAVA_VERSION, System.getProperty("java.version", "?"))
                .text(SessionKeys.JAVA_VENDOR, System.getProperty("java.vendor", "?"))
                .text(SessionKeys.VM_NAME, System.getProperty("java.vm.name", "?"))
                .text(SessionKeys.COMMAND, System.getProperty("sun.java.command"))
                .text(SessionKeys.AGENT_OPTIONS, options)
                .text(SessionKeys.AGENT_VERSION, Objects.requireNonNullElse(
                        LiveProfile.class.getPackage().getImplementationVersion(), "unknown"))
                .number(SessionKeys.START_EPOCH_MILLIS, startMillis)
                .number(SessionKeys.END_EPOCH_MILLIS, now)
                .number(SessionKeys.CLASSES_INSTRUMENTED, stats.instrumented())
                .number(SessionKeys.CLASSES_FAILED, stats.failed())
                .number(SessionKeys.METHODS_TOO_LARGE, stats.tooLarge())
                .facts(extraFacts.get())
                .build();
    }
}
