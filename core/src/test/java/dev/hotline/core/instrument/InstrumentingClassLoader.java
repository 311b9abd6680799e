package dev.hotline.core.instrument;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the classes of one package child-first, instrumented by {@link ClassInstrumenter}, so the
 * JVM's own verifier checks every transformed class as it is defined. Everything else is delegated.
 */
final class InstrumentingClassLoader extends ClassLoader {

    private final String packagePrefix;
    private final ClassInstrumenter instrumenter;
    private final Map<String, byte[]> originals = new LinkedHashMap<>();
    private final Map<String, byte[]> instrumented = new LinkedHashMap<>();

    InstrumentingClassLoader(ProbeCatalog catalog, String packagePrefix) {
        this(catalog, packagePrefix, MethodSelection.none());
    }

    InstrumentingClassLoader(ProbeCatalog catalog, String packagePrefix, MethodSelection lines) {
        this(catalog, packagePrefix, lines, MethodSelection.none());
    }

    InstrumentingClassLoader(ProbeCatalog catalog, String packagePrefix, MethodSelection lines, MethodSelection allocations) {
        this(catalog, packagePrefix, new ProbeSelection(null, lines, MethodSelection.none(), allocations));
    }

    InstrumentingClassLoader(ProbeCatalog catalog, String packagePrefix, ProbeSelection probes) {
        super(InstrumentingClassLoader.class.getClassLoader());
        this.packagePrefix = packagePrefix;
        this.instrumenter = new ClassInstrumenter(catalog, probes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] original = read(name);
                byte[] bytes = instrumenter.instrument(original);
                originals.put(name, original);
                instrumented.put(name, bytes);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    static byte[] read(String className) throws ClassNotFoundException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = InstrumentingClassLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(className);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(className, e);
        }
    }

    /** Original bytes of every class this loader defined, by binary name. */
    Map<String, byte[]> originals() {
        return originals;
    }

    /** Instrumented bytes of every class this loader defined, by binary name. */
    Map<String, byte[]> instrumented() {
        return instrumented;
    }
}
