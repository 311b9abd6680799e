package dev.hotline.agent;

import dev.hotline.core.options.ClassSelection;

/**
 * Which classes get probes: never those of the bootstrap and platform loaders (the JDK's), and of
 * the others those {@link ClassSelection} selects by name, which is also how {@code hotline
 * bytecode} decides.
 */
final class ClassFilter {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final ClassSelection selection;

    ClassFilter(ClassSelection selection) {
        this.selection = selection;
    }

    /** @param name binary name with dots */
    boolean accepts(String name, ClassLoader loader) {
        return loader != null && loader != PLATFORM && selection.selects(name);
    }
}
