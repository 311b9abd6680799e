package dev.hotline.core.options;

/**
 * Which probes a transformed class's methods get:
 *
 * @param timers      classes whose methods get timers; null: every class the agent transforms.
 *                    Classes where {@code lines} or {@code allocations} select methods are timed
 *                    regardless (those probes use the timer's recorder); {@code lineHits} alone
 *                    adds no timer.
 * @param lines       methods with timed line probes
 * @param lineHits    methods whose lines are counted without times (where {@code lines} does not select them)
 * @param allocations methods whose allocation sites are counted
 */
public record ProbeSelection(ClassPattern timers, MethodSelection lines, MethodSelection lineHits,
                             MethodSelection allocations) {

    /** Timers on every method, nothing else. */
    public static ProbeSelection timersOnly() {
        return new ProbeSelection(null, MethodSelection.none(), MethodSelection.none(), MethodSelection.none());
    }

    public static ProbeSelection of(AgentOptions options) {
        return new ProbeSelection(options.includes(), options.lines(), options.lineHits(), options.alloc());
    }

    public boolean timesLines(String className, String method) {
        return lines.selects(className, method);
    }

    public boolean countsLines(String className, String method) {
        return lineHits.selects(className, method) && !lines.selects(className, method);
    }

    public boolean countsAllocations(String className, String method) {
        return allocations.selects(className, method);
    }

    public boolean times(String className, String method) {
        return timers == null || timers.matches(className) || lines.selectsClass(className)
                || allocations.selectsClass(className);
    }
}
