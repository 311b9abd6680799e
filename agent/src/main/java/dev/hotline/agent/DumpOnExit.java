package dev.hotline.agent;

import dev.hotline.core.dump.DumpWriter;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.InstanceSizes;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.RuntimeSnapshot;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shutdown hook: merges every thread's data and writes the dump atomically. Runs on normal
 * exit, {@code System.exit(n)} (n stays the exit code), an uncaught exception ending main, and
 * SIGTERM/SIGINT/SIGHUP. Never throws: a failure is one line on stderr.
 */
final class DumpOnExit implements Runnable {

    private final ProbeCatalog catalog;
    private final TransformStats stats;
    private final InstanceSizes sizes;
    private final Path out;
    private final String options;
    private final long startMillis;

    DumpOnExit(ProbeCatalog catalog, TransformStats stats, InstanceSizes sizes, Path out, String options,
               long startMillis) {
        this.catalog = catalog;
        this.stats = stats;
        this.sizes = sizes;
        this.out = out;
        this.options = options;
        this.startMillis = startMillis;
    }

    @Override
    public void run() {
        try {
            Profile profile = RuntimeSnapshot.capture(catalog, session(), sizes);
            DumpWriter.writeAtomically(profile, out);
            Log.info("dump written to " + out.toAbsolutePath());
        } catch (Throwable t) {
            Log.error("could not write the dump to " + out.toAbsolutePath() + ": " + t);
        }
    }

    private Map<String, String> session() {
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
        session.put(SessionKeys.AGENT_VERSION, java.util.Objects.requireNonNullElse(DumpOnExit.class.getPackage().getImplementationVersion(), "unknown"));
        session.put(SessionKeys.START_EPOCH_MILLIS, Long.toString(startMillis));
        session.put(SessionKeys.END_EPOCH_MILLIS, Long.toString(System.currentTimeMillis()));
        session.put(SessionKeys.CLASSES_INSTRUMENTED, Integer.toString(stats.instrumented()));
        session.put(SessionKeys.CLASSES_FAILED, Integer.toString(stats.failed()));
        session.put(SessionKeys.METHODS_TOO_LARGE, Integer.toString(stats.tooLarge()));
        return session;
    }
}
