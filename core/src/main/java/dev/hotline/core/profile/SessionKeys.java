package dev.hotline.core.profile;

/** Names of the session facts a dump records (see docs/dump-format.md). */
public final class SessionKeys {
    public static final String PID = "pid";
    public static final String HOST = "host";
    public static final String JAVA_VERSION = "java.version";
    public static final String JAVA_VENDOR = "java.vendor";
    public static final String VM_NAME = "java.vm.name";
    public static final String COMMAND = "command";
    public static final String AGENT_OPTIONS = "agent.options";
    public static final String AGENT_VERSION = "agent.version";
    public static final String START_EPOCH_MILLIS = "start.epochMillis";
    public static final String END_EPOCH_MILLIS = "end.epochMillis";
    public static final String CLASSES_INSTRUMENTED = "classes.instrumented";
    public static final String CLASSES_FAILED = "classes.failed";
    public static final String METHODS_TOO_LARGE = "methods.tooLarge";
    public static final String METHOD_PROBES = "probes.methods";
    public static final String LINE_PROBES = "probes.lines";
    public static final String ALLOCATION_SITES = "probes.allocationSites";
    public static final String THREADS = "threads";
    public static final String OPEN_CALLS = "calls.open";
    public static final String ABANDONED_FRAMES = "frames.abandoned";
    public static final String MERGED_DUMPS = "merged.dumps";

    private SessionKeys() {
    }
}
