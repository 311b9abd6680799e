package dev.hotline.core.options;

import java.util.List;

/**
 * Which classes the agent instruments, by name: those {@code includes} matches (every class when
 * it is not given), and those whose methods {@code lines=}, {@code linehits=} or {@code alloc=}
 * select, minus the {@code excludes}, and never the classes {@link #neverInstrumented} names. The
 * agent adds only the class loader check (no class of the bootstrap or platform loader);
 * {@code hotline bytecode} decides with this class as the agent does.
 */
public final class ClassSelection {

    /** hotline's own packages (the demo and test targets elsewhere in dev.hotline are fair game). */
    private static final List<String> OWN_PACKAGES = List.of(
            "dev.hotline.agent.", "dev.hotline.cli.", "dev.hotline.core.", "dev.hotline.runtime.", "dev.hotline.shaded.");

    private final ClassPattern includes;
    private final ClassPattern excludes;
    private final MethodSelection lines;
    private final MethodSelection allocations;
    private final MethodSelection lineHits;

    /** @param includes null for the default: every class */
    private ClassSelection(ClassPattern includes, ClassPattern excludes, MethodSelection lines, MethodSelection allocations,
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

    /**
     * Why the agent leaves a class of this name alone whatever the options say, or null: hotline's
     * own classes (instrumenting them would recurse into the probes), {@code java.*}, the JDK's
     * generated reflection accessors, and {@code module-info} and {@code package-info}, which have
     * no code.
     *
     * @param name binary name with dots
     */
    public static String neverInstrumented(String name) {
        for (String own : OWN_PACKAGES) {
            if (name.startsWith(own)) {
                return "it is one of hotline's own classes (dev.hotline.agent, cli, core, runtime and shaded)";
            }
        }
        if (name.startsWith("java.")) {
            return "java.* belongs to the JDK";
        }
        if (name.startsWith("jdk.internal.reflect.") || name.startsWith("sun.reflect.")) {
            return "it is one of the JDK's generated reflection accessors";
        }
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
            return "a module-info or package-info has no code";
        }
        return null;
    }

    /** @param name binary name with dots */
    public boolean selects(String name) {
        if (neverInstrumented(name) != null || excludes.matches(name)) {
            return false;
        }
        return includes == null || includes.matches(name) || lines.selectsClass(name) || allocations.selectsClass(name)
                || lineHits.selectsClass(name);
    }
}
