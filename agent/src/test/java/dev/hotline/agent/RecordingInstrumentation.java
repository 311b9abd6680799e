package dev.hotline.agent;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * An {@link Instrumentation} that only records what the agent asks of it: the transformers
 * registered (and whether they may retransform), the transformers removed and the classes
 * retransformed. Classes to report as loaded are given; everything else is unsupported.
 */
final class RecordingInstrumentation implements Instrumentation {

    /** A transformer registered and whether it asked to take part in retransformation. */
    record Registration(ClassFileTransformer transformer, boolean canRetransform) {
    }

    final List<Registration> registered = new ArrayList<>();
    final List<ClassFileTransformer> removeCalls = new ArrayList<>();
    final List<Class<?>> retransformed = new ArrayList<>();
    private final Class<?>[] loaded;

    RecordingInstrumentation(Class<?>... loaded) {
        this.loaded = loaded;
    }

    /** The one transformer registered and not removed. */
    ClassFileTransformer transformer() {
        if (registered.size() != 1) {
            throw new AssertionError("expected one transformer, found " + registered);
        }
        return registered.get(0).transformer();
    }

    @Override
    public void addTransformer(ClassFileTransformer transformer, boolean canRetransform) {
        registered.add(new Registration(transformer, canRetransform));
    }

    @Override
    public void addTransformer(ClassFileTransformer transformer) {
        addTransformer(transformer, false);
    }

    @Override
    public boolean removeTransformer(ClassFileTransformer transformer) {
        removeCalls.add(transformer);
        return registered.removeIf(r -> r.transformer() == transformer);
    }

    @Override
    public boolean isRetransformClassesSupported() {
        return true;
    }

    @Override
    public void retransformClasses(Class<?>... classes) {
        retransformed.addAll(List.of(classes));
    }

    @Override
    public Class<?>[] getAllLoadedClasses() {
        return loaded.clone();
    }

    @Override
    public boolean isModifiableClass(Class<?> type) {
        return !type.isPrimitive() && !type.isArray();
    }

    @Override
    public boolean isRedefineClassesSupported() {
        return false;
    }

    @Override
    public void redefineClasses(ClassDefinition... definitions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Class<?>[] getInitiatedClasses(ClassLoader loader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long getObjectSize(Object object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void appendToBootstrapClassLoaderSearch(JarFile jar) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void appendToSystemClassLoaderSearch(JarFile jar) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isNativeMethodPrefixSupported() {
        return false;
    }

    @Override
    public void setNativeMethodPrefix(ClassFileTransformer transformer, String prefix) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void redefineModule(Module module, Set<Module> extraReads, Map<String, Set<Module>> extraExports,
                               Map<String, Set<Module>> extraOpens, Set<Class<?>> extraUses,
                               Map<Class<?>, List<Class<?>>> extraProvides) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isModifiableModule(Module module) {
        return false;
    }
}
