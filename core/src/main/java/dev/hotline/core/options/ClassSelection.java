package dev.hotline.core.options;

/**
 * Which classes the agent instruments, by name: those {@code includes} matches (every class when
 * it is not given), and those whose methods {@code lines=}, {@code linehits=} or {@code alloc=} select, minus the
 * {@code excludes}. The agent adds the checks that need a class loader (JDK classes, hotline's own).
 */
public final class ClassSelection {

    private final ClassPattern includes;
    private final ClassPattern excludes;
    private final MethodSelection lines;
    private final MethodSelection allocations;
    private final MethodSelection lineHits;

    /** @param includes null for the default: every class */
    public ClassSelection(ClassPattern includes, ClassPattern excludes, MethodSelection lines, MethodSelection allocations) {
        this(includes, excludes, lines, allocations, MethodSelection.none());
    }

    public ClassSelection(ClassPattern includes, ClassPattern excludes, MethodSelection lines, MethodSelection allocations,
                          MethodSelection lineHits) {
        this.includes = includes;
        this.excludes = excludes;
        this.lines = lines;
        this.allocations = allocations;
        this.lineHits = lineHits;
    }

    public static ClassSelection of(AgentOptions options) {
        return new ClassSelection(options.includes(), options.excludes(), options.lines(), options.alloc(),
                options.lineHits());
    }

    /** @param name binary name with dots */
    public boolean selects(String name) {
        if (excludes.matches(name)) {
            return false;
        }
        return includes == null || includes.matches(name) || lines.selectsClass(name) || allocations.selectsClass(name)
                || lineHits.selectsClass(name);
    }
}
