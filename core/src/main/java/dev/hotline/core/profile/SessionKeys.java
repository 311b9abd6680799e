package dev.hotline.core.profile;

import java.util.List;

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
    /** Timed calls and lines, and method or call-tree self times, below zero after subtraction: shown as 0. */
    public static final String TIMES_CLAMPED = "times.clamped";
    /** The calibrated cost of every probe that ran, in ns: what was subtracted in all. */
    public static final String PROBE_COST_NANOS = "probes.costNanos";
    /** {@code exact} or {@code adaptive}: the agent's timing mode. */
    public static final String TIMING = "timing";
    /** The adaptive timing's overhead budget, in percent. */
    public static final String BUDGET_PERCENT = "timing.budgetPercent";
    /** How long the start-up calibration took, in ms. */
    public static final String CALIBRATION_MILLIS = "calibration.millis";
    /** When the calibration's figures settled (stopped falling), in ms after the agent started; -1: never. */
    public static final String CALIBRATION_SETTLED_MILLIS = "calibration.settledMillis";
    /**
     * Calibrated probe costs, in picoseconds, in {@code ProbeCosts.set}'s order:
     * timed call inner part, timed call, untimed call, a sampled method's timed call inner part and
     * whole, timed line inner part, timed line, counted line, hit-counter fetch, allocation counter,
     * skipped line (a timed call's line probe that times nothing), a sampled line's pair of probes and
     * its inner part.
     */
    public static final List<String> CALIBRATION_PS = List.of("calibration.timedInnerPs", "calibration.timedCallPs",
            "calibration.untimedCallPs", "calibration.sampledInnerPs", "calibration.sampledCallPs",
            "calibration.lineInnerPs", "calibration.lineTimedPs",
            "calibration.lineCountedPs", "calibration.lineHitsPs", "calibration.allocationPs",
            "calibration.lineSkippedPs", "calibration.lineSampledPs", "calibration.lineSampledInnerPs");
    /** Recursive calls folded into the node of their method's outermost running call. */
    public static final String FOLDED_CALLS = "calltree.foldedCalls";
    /** Calls past the call tree's node limit that started one of their caller's "(other paths)". */
    public static final String OTHER_PATH_CALLS = "calltree.otherPathCalls";
    /** Call-tree nodes the threads made (summed over threads; the merged tree can be smaller). */
    public static final String CALL_TREE_NODES = "calltree.nodes";
    /** The node limits in force: per thread, and over all live threads. */
    public static final String CALL_TREE_LIMIT_PER_THREAD = "calltree.limitPerThread";
    public static final String CALL_TREE_LIMIT_TOTAL = "calltree.limitTotal";
    /** Present when the heap was too full for the whole dump: what it left out (it has every method's counts and times). */
    public static final String DUMP_LEFT_OUT = "dump.leftOut";
    /** Facts that sum when profiles add up (threads, dumps merged, retired threads). */
    public static final List<String> SUMMED = List.of(THREADS, OPEN_CALLS, ABANDONED_FRAMES, TIMES_CLAMPED,
            PROBE_COST_NANOS, FOLDED_CALLS, OTHER_PATH_CALLS, CALL_TREE_NODES);

    private SessionKeys() {
    }
}
