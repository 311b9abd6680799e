package dev.hotline.agent;

import dev.hotline.core.instrument.ClassInstrumenter;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.BiConsumer;

/**
 * The agent's {@link ClassFileTransformer}: runs core's {@link ClassInstrumenter} (the same
 * {@code byte[] -> byte[]} function the tests and the CLI run) on every class the filter accepts,
 * which inserts every kind of probe the options ask for (timers, line probes, line hit counters,
 * allocation counters). Never throws into the JVM: a failure is counted, logged, and the class
 * loads unchanged.
 *
 * <p>{@link ProbeInstallation} registers it: by itself at {@code -javaagent} start-up, and on
 * attach as the {@code transform} of the transformer Byte Buddy's AgentBuilder installs.
 *
 * <p>Thread-safety: the JVM calls {@link #transform} from any thread that loads a class;
 * {@link #dumpingTo} is called once, before the transformer is registered.
 */
final class ProbeTransformer implements ClassFileTransformer {

    private final ClassFilter filter;
    private final ClassInstrumenter instrumenter;
    private final TransformStats stats;
    private final BiConsumer<String, ClassLoader> onInstrumented;
    private ClassFileDumper dumper;

    /** @param onInstrumented told of every class instrumented and its loader; may be null */
    ProbeTransformer(ClassFilter filter, ClassInstrumenter instrumenter, TransformStats stats,
                     BiConsumer<String, ClassLoader> onInstrumented) {
        this.filter = filter;
        this.instrumenter = instrumenter;
        this.stats = stats;
        this.onInstrumented = onInstrumented;
    }

    /** Also write every changed class's bytes with {@code dumper}. */
    ProbeTransformer dumpingTo(ClassFileDumper dumper) {
        this.dumper = dumper;
        return this;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null) {
            return null; // hidden classes (lambda proxies) have no name here and are not instrumented
        }
        String name = internalName.replace('/', '.');
        if (!filter.accepts(name, loader)) {
            return null;
        }
        try {
            ClassInstrumenter.Result result = instrumenter.instrument(classFile, null);
            if (result.unchanged()) {
                stats.classTooLarge(name);
                return null;
            }
            byte[] instrumented = result.bytes();
            stats.instrumented(name);
            for (String method : result.tooLarge()) {
                stats.tooLarge(name, method);
            }
            if (dumper != null) {
                dumper.write(internalName, classFile, instrumented);
            }
            if (onInstrumented != null) {
                onInstrumented.accept(name, loader);
            }
            return instrumented;
        } catch (Throwable t) {
            stats.failed(name, t);
            return null;
        }
    }
}
