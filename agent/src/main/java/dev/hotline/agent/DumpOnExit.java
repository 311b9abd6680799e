package dev.hotline.agent;

import dev.hotline.core.capture.ThreadRetirement;
import dev.hotline.core.dump.DumpWriter;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the dump: from the shutdown hook, which stops the {@link AgentSession} (normal exit,
 * {@code System.exit(n)} with n kept, an uncaught exception ending main, SIGTERM, SIGINT, SIGHUP),
 * from any other {@link AgentSession#stop} that asks for a final dump and, with {@code interval=},
 * from the flush thread after every interval, each time atomically replacing the last complete
 * dump. So a JVM killed with SIGKILL or {@code Runtime.halt} leaves the dump of its last interval.
 * Never throws: a failure is one line on stderr, repeated only when the kind of failure changes.
 */
final class DumpOnExit {

    private final ThreadRetirement threads;
    private final TransformStats stats;
    private final Path out;
    private final String options;
    private final long startMillis;
    private final IntervalHistograms intervals;
    private String lastFailure;

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

    /** Takes a snapshot and replaces the dump with it. */
    synchronized void write() {
        try {
            long now = System.currentTimeMillis();
            Profile profile = threads.snapshot(session(now));
            if (intervals != null) {
                profile = profile.withIntervals(intervals.close(profile, now));
            }
            DumpWriter.writeAtomically(profile, out);
            lastFailure = null;
            Log.info("dump written to " + out.toAbsolutePath());
        } catch (Throwable t) {
            // the kind of failure, not its message: that names the temporary file, new every time
            String failure = t.getClass().getName() + (t.getCause() == null ? "" : " < " + t.getCause().getClass().getName());
            if (!failure.equals(lastFailure)) {
                Log.error("could not write the dump to " + out.toAbsolutePath() + ": " + t);
            }
            lastFailure = failure;
        }
    }

    private Map<String, String> session(long now) {
        Map<String, String> session = new LinkedHashMap<>();
        session.put(SessionKeys.PID, Long.toString(ProcessHandle.current().pid()));
        String host = System.getenv("HOSTNAME");
        if (host != null) {
            session.put(SessionKeys.HOST, host);
        }
        session.put(SessionKeys.JAVA_VERSION, System.getProperty("java.version", "?"));
        session.put(SessionKeys.JAVA_VENDOR, System.getProperty("java.vendor", "?"));
        session.put(SessionKeys.VM_NAME, System.getProperty("java.vm.name", "?"));
        String command = System.getProperty("sun.java.command");
        if (command != null) {
            session.put(SessionKeys.COMMAND, command);
        }
        session.put(SessionKeys.AGENT_OPTIONS, options);
        session.put(SessionKeys.AGENT_VERSION, java.util.Objects.requireNonNullElse(
                DumpOnExit.class.getPackage().getImplementationVersion(), "unknown"));
        session.put(SessionKeys.START_EPOCH_MILLIS, Long.toString(startMillis));
        session.put(SessionKeys.END_EPOCH_MILLIS, Long.toString(now));
        session.put(SessionKeys.CLASSES_INSTRUMENTED, Integer.toString(stats.instrumented()));
        session.put(SessionKeys.CLASSES_FAILED, Integer.toString(stats.failed()));
        session.put(SessionKeys.METHODS_TOO_LARGE, Integer.toString(stats.tooLarge()));
        return session;
    }
}
