package dev.hotline.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hotline.core.capture.ThreadRetirement;
import dev.hotline.core.dump.DumpWriter;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the dump: from the shutdown hook, which stops the {@link AgentSession} (normal exit,
 * {@code System.exit(n)} with n kept, an uncaught exception ending main, SIGTERM, SIGINT, SIGHUP),
 * from any other {@link AgentSession#stop} that asks for a final dump and, with {@code interval=},
 * from the flush thread after every interval, each time atomically replacing the last complete
 * dump. So a JVM killed with SIGKILL or {@code Runtime.halt} leaves the dump of its last interval.
 * Never throws: a failure is one line on stderr, repeated only when the kind of failure changes.
 */
final class DumpOnExit {

    private static final Logger LOG = LoggerFactory.getLogger(DumpOnExit.class);

    private final ThreadRetirement threads;
    private final TransformStats stats;
    private final Path out;
    private final String options;
    private final long startMillis;
    private final IntervalHistograms intervals;
    private String lastFailure;
    private java.util.function.Supplier<Map<String, String>> extraFacts = Map::of;

    /** @param intervals null unless the agent runs with interval= */
    DumpOnExit(ThreadRetirement threads, TransformStats stats, Path out, String options,
               long startMillis, IntervalHistograms intervals) {
        this.threads = threads;
        this.stats = stats;
        this.out = out;
        this.options = options;
        this.startMillis = startMillis;
        this.intervals = intervals;
    }

    /** Facts the session adds to every dump, as they are when it is written (the timing mode and calibration). */
    synchronized DumpOnExit withFacts(java.util.function.Supplier<Map<String, String>> facts) {
        this.extraFacts = facts;
        return this;
    }

    /** Takes a snapshot and replaces the dump with it. */
    synchronized void write() {
        writeTo(out);
    }

    /** Takes a snapshot and writes it to {@code target} (atomically); returns whether it was written. */
    synchronized boolean writeTo(Path target) {
        Path out = target;
        try {
            long now = System.currentTimeMillis();
            Profile profile = threads.snapshot(session(now));
            if (intervals != null) {
                profile = profile.withIntervals(intervals.close(profile, now));
            }
            DumpWriter.writeAtomically(profile, out);
            lastFailure = null;
            LOG.info("dump written to " + out.toAbsolutePath());
            return true;
        } catch (Throwable t) {
            // the kind of failure, not its message: that names the temporary file, new every time
            String failure = t.getClass().getName() + (t.getCause() == null ? "" : " < " + t.getCause().getClass().getName());
            if (!failure.equals(lastFailure)) {
                LOG.error("could not write the dump to " + out.toAbsolutePath() + ": " + t);
            }
            lastFailure = failure;
            return false;
        }
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
                        DumpOnExit.class.getPackage().getImplementationVersion(), "unknown"))
                .number(SessionKeys.START_EPOCH_MILLIS, startMillis)
                .number(SessionKeys.END_EPOCH_MILLIS, now)
                .number(SessionKeys.CLASSES_INSTRUMENTED, stats.instrumented())
                .number(SessionKeys.CLASSES_FAILED, stats.failed())
                .number(SessionKeys.METHODS_TOO_LARGE, stats.tooLarge())
                .facts(extraFacts.get())
                .build();
    }
}
