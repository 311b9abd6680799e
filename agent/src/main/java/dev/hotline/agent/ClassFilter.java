package dev.hotline.agent;

import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;

/**
 * Which classes get timers: those of the {@code includes} patterns (default: every class of an
 * application loader) minus the {@code excludes}, never JDK classes (bootstrap and platform
 * loaders), never hotline itself (its relocated libraries included), never the JDK's generated
 * reflection accessors.
 */
final class ClassFilter {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** hotline's own packages (the demo and test targets in dev.hotline.* are fair game). */
    private static final String[] OWN_PACKAGES = {
        "dev.hotline.agent.", "dev.hotline.core.", "dev.hotline.runtime.", "dev.hotline.shaded."};

    private final ClassPattern includes;
    private final ClassPattern excludes;
    private final MethodSelection lines;
    private final MethodSelection allocations;

    /**
     * @param includes null for the default (every class of a non-JDK loader)
     * @param lines    classes with line probes are instrumented even if {@code includes} misses them
     * @param allocations likewise for classes with allocation counters
     */
    ClassFilter(ClassPattern includes, ClassPattern excludes, MethodSelection lines, MethodSelection allocations) {
        this.includes = includes;
        this.excludes = excludes;
        this.lines = lines;
        this.allocations = allocations;
    }

    /** @param name binary name with dots */
    boolean accepts(String name, ClassLoader loader) {
        if (loader == null || loader == PLATFORM) {
            return false;
        }
        for (String own : OWN_PACKAGES) {
            if (name.startsWith(own)) {
                return false;
            }
        }
        if (name.startsWith("jdk.internal.reflect.") || name.startsWith("sun.reflect.")
                || name.startsWith("java.") || name.endsWith("module-info") || name.endsWith("package-info")) {
            return false;
        }
        if (excludes.matches(name)) {
            return false;
        }
        return includes == null || includes.matches(name) || lines.selectsClass(name) || allocations.selectsClass(name);
    }
}
