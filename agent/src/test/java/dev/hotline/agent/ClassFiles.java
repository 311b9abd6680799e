package dev.hotline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The class files of the agent tests' own classes, and a loader that defines instrumented ones. */
final class ClassFiles {

    private ClassFiles() {
    }

    static byte[] of(Class<?> type) {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /** Defines {@code bytes} as {@code name} in a loader of its own; the JVM verifies it on linking. */
    static Class<?> define(String name, byte[] bytes) {
        return new ClassLoader(ClassFiles.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(name, bytes, 0, bytes.length);
            }
        }.define();
    }
}
