package dev.hotline.agent;

import dev.hotline.core.options.ClassSelection;

/**
 * Which classes get probes: those the options select ({@link ClassSelection}), never JDK classes
 * (bootstrap and platform loaders), never hotline itself (its relocated libraries included), never
 * the JDK's generated reflection accessors.
 */
final class ClassFilter {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** hotline's own packages (the demo and test targets in dev.hotline.* are fair game). */
    private static final String[] OWN_PACKAGES = {
        "dev.hotline.agent.", "dev.hotline.core.", "dev.hotline.runtime.", "dev.hotline.shaded."};

    private final ClassSelection selection;

    ClassFilter(ClassSelection selection) {
        this.selection = selection;
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
        return selection.selects(name);
    }
}
