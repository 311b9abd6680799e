package dev.hotline.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link ProbeTransformer} into the JVM and takes it out again, on Byte Buddy's
 * {@link AgentBuilder}: registered as a retransformation-capable transformer, the classes already
 * loaded that the {@link ClassFilter} accepts retransformed through it
 * ({@link RedefinitionStrategy#RETRANSFORMATION}, in batches, rediscovering classes loaded
 * meanwhile, a failed batch split until the failing class is alone, every failure counted), and
 * {@link #reset} retransforming every such class without it, so the JVM hands back the bytes it
 * had before the agent came ({@link ResettableClassFileTransformer#reset}).
 *
 * <p>The bytes are hotline's own: the transformer AgentBuilder registers is decorated
 * ({@link AgentBuilder.TransformerDecorator}) so that its {@code transform} is the
 * {@link ProbeTransformer}, which runs core's {@code ClassInstrumenter} exactly as the tests and
 * {@code hotline bytecode} do. Byte Buddy's own type writer ({@code AsmVisitorWrapper}) would parse
 * every class a second time (its type pool), rewrite it through its own class writer (other bytes
 * than the tested ones) and could not retry a method that grows past 64 KB.
 *
 * <p>No Unsafe, no injection: no initialization strategy ({@link AgentBuilder.InitializationStrategy.NoOp}),
 * no class injection ({@link AgentBuilder.InjectionStrategy.Disabled}), no Nexus ({@link #withoutNexus},
 * which says why it briefly sets a relocated system property), and
 * {@link AgentBuilder#disableClassFormatChanges()}, which keeps retransformation legal.
 *
 * <p>Thread-safety: {@link #install} and {@link #reset} are called by the session under its lock.
 */
final class ProbeInstallation {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeInstallation.class);

    /**
     * Classes per {@code retransformClasses} call: one failing class fails its whole batch (which is
     * then split), and a smaller batch holds fewer classes at a safepoint at once.
     */
    static final int BATCH = 100;

    private final Instrumentation instrumentation;
    private final ClassFileTransformer transformer; // registered: RunningProbes on attach, the ProbeTransformer at start-up
    private final ClassFilter filter;

    private ProbeInstallation(Instrumentation instrumentation, ClassFileTransformer transformer, ClassFilter filter) {
        this.instrumentation = instrumentation;
        this.transformer = transformer;
        this.filter = filter;
    }

    /**
     * At {@code -javaagent} start-up: registers {@code probes} itself, retransformation-capable (so
     * {@link #reset} can take its changes back), and nothing of Byte Buddy. The JVM has loaded
     * almost nothing the filter accepts yet, so there is nothing to retransform, and building an
     * {@link AgentBuilder} loads about 760 of Byte Buddy's classes and generates one (its
     * module-aware transformer), which made the demo's start-up 2.4x slower (see
     * docs/architecture.md, "How hotline uses Byte Buddy").
     */
    static ProbeInstallation atStartup(Instrumentation instrumentation, ProbeTransformer probes, ClassFilter filter) {
        instrumentation.addTransformer(probes, true);
        return new ProbeInstallation(instrumentation, probes, filter);
    }

    /**
     * On attach: registers {@code probes} through an {@link AgentBuilder} and retransforms the
     * loaded classes {@code filter} accepts through it, rediscovering classes loaded meanwhile.
     */
    static ProbeInstallation onAttach(Instrumentation instrumentation, ProbeTransformer probes, ClassFilter filter,
                                      TransformStats stats) {
        FailureCounter failures = new FailureCounter("instrument", stats);
        ResettableClassFileTransformer transformer = builder(original -> new RunningProbes(original, probes), filter,
                RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE, listener(failures))
                .installOn(instrumentation);
        return new ProbeInstallation(instrumentation, transformer, filter);
    }

    private static RedefinitionStrategy.Listener listener(FailureCounter failures) {
        return new RedefinitionStrategy.Listener.Compound(RedefinitionStrategy.Listener.BatchReallocator.splitting(), failures);
    }

    /** The transformer the JVM holds while installed. */
    ClassFileTransformer transformer() {
        return transformer;
    }

    /** Removes the transformer and leaves the classes as they are (the JVM is exiting). */
    void remove() {
        instrumentation.removeTransformer(transformer);
    }

    /**
     * Removes the transformer and retransforms every loaded class it may have changed without it:
     * they run their original bytes again (a call already running finishes in the instrumented
     * code). Returns how many classes went back and how many failed to (-1: the reset itself failed); never throws.
     */
    AgentSession.Detached reset() {
        FailureCounter resetFailures = new FailureCounter("restore", null);
        try {
            if (transformer instanceof ResettableClassFileTransformer resettable) {
                resettable.reset(instrumentation, RedefinitionStrategy.RETRANSFORMATION,
                        RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE,
                        RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(BATCH), listener(resetFailures));
            } else {
                // started with -javaagent: the probes were registered without Byte Buddy. Remove them,
                // then let an AgentBuilder retransform the same classes through a transformer that
                // changes nothing, which hands each its original bytes, and take that one out again.
                instrumentation.removeTransformer(transformer);
                ResettableClassFileTransformer restorer = builder(original -> new Unchanged(original), filter,
                        RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE, listener(resetFailures))
                        .installOn(instrumentation);
                instrumentation.removeTransformer(restorer);
            }
        } catch (RuntimeException | LinkageError e) {
            instrumentation.removeTransformer(transformer);
            LOG.warn("could not restore the original classes: {}", e.toString());
            return new AgentSession.Detached(0, -1);
        }
        return new AgentSession.Detached(resetFailures.retransformed(), resetFailures.count());
    }

    private static AgentBuilder builder(AgentBuilder.TransformerDecorator decorator, ClassFilter filter,
                                        RedefinitionStrategy.DiscoveryStrategy discovery,
                                        RedefinitionStrategy.Listener listener) {
        AgentBuilder.RawMatcher accepted = (type, loader, module, classBeingRedefined, protectionDomain) ->
                classBeingRedefined != null && !classBeingRedefined.isHidden() && !classBeingRedefined.isArray()
                        && filter.accepts(classBeingRedefined.getName(), loader);
        return withoutNexus(ByteBuddy::new)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(AgentBuilder.CircularityLock.Inactive.INSTANCE) // the decorated transform never enters Byte Buddy's pipeline
                .with(decorator)
                .disableClassFormatChanges()
                .with(RedefinitionStrategy.RETRANSFORMATION)
                .with(RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(BATCH))
                .with(discovery)
                .with(listener)
                .ignore(ElementMatchers.none())
                .type(accepted)
                .transform((builder, type, loader, module, protectionDomain) -> builder); // the bytes: see the class comment
    }

    /**
     * {@code new AgentBuilder.Default(byteBuddy)}, without the Nexus: its constructor builds
     * {@code InitializationStrategy.SelfInjection.Split}, whose {@code NexusAccessor}, when its class
     * initializes, injects Byte Buddy's {@code Nexus} class into the system class loader through
     * {@code sun.misc.Unsafe} (JDK 24+ then print four "terminally deprecated method" warnings on
     * the host's stderr) unless the system property {@code Nexus.PROPERTY} is true. The one
     * constructor that takes another initialization strategy is protected, with a parameter type
     * ({@code RedefinitionStrategy.ResubmissionStrategy}) that only Byte Buddy's own package can
     * name, so with byte-buddy-dep 1.18.3 the property is unavoidable. It is set only around this
     * constructor (the accessor's class initializes once per JVM, in the first call) and put back as
     * it was right after. Its name is relocated with Byte Buddy
     * ({@code dev.hotline.shaded.bytebuddy.nexus.disabled} in the agent jar), so an application's own
     * Byte Buddy, which reads {@code net.bytebuddy.nexus.disabled}, never sees it.
     */
    private static AgentBuilder withoutNexus(java.util.function.Supplier<ByteBuddy> byteBuddy) {
        synchronized (ProbeInstallation.class) {
            String before = System.getProperty(Nexus.PROPERTY);
            System.setProperty(Nexus.PROPERTY, "true");
            try {
                return new AgentBuilder.Default(byteBuddy.get());
            } finally {
                if (before == null) {
                    System.clearProperty(Nexus.PROPERTY);
                } else {
                    System.setProperty(Nexus.PROPERTY, before);
                }
            }
        }
    }

    /**
     * The transformer AgentBuilder registers: its matching, installation and reset are Byte
     * Buddy's (the delegate's), its bytes the {@link ProbeTransformer}'s.
     */
    static final class RunningProbes extends ResettableClassFileTransformer.WithDelegation {

        private final ProbeTransformer probes;

        RunningProbes(ResettableClassFileTransformer original, ProbeTransformer probes) {
            super(original);
            this.probes = probes;
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
            return probes.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
        }
    }

    /** Byte Buddy's matching and retransformation, and no change to any class: puts the originals back. */
    static final class Unchanged extends ResettableClassFileTransformer.WithDelegation {

        Unchanged(ResettableClassFileTransformer original) {
            super(original);
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain protectionDomain, byte[] classFile) {
            return null;
        }
    }

    /**
     * Counts the classes whose retransformation failed, after the batches were split down to one
     * class (on attach in the dump's {@code classes.failed}, like a failed transform).
     */
    private static final class FailureCounter implements RedefinitionStrategy.Listener {

        /** Failures named one by one in the log; beyond them, only the count. */
        private static final int NAMED = 10;

        private final String action;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger retransformed = new AtomicInteger();

        private final TransformStats stats;

        /** @param stats where a class that fails to be instrumented is counted for the dump (null: only logged) */
        FailureCounter(String action, TransformStats stats) {
            this.action = action;
            this.stats = stats;
        }

        @Override
        public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
        }

        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                                                          List<Class<?>> types) {
            return Collections.emptyList(); // the splitting listener beside this one retries the halves
        }

        @Override
        public void onComplete(int amount, List<Class<?>> types, Map<List<Class<?>>, Throwable> failures) {
            // a failed batch is in the map too, then its halves, down to the classes that fail alone
            int failed = 0;
            for (Map.Entry<List<Class<?>>, Throwable> failure : failures.entrySet()) {
                if (failure.getKey().size() == 1) {
                    if (stats != null) {
                        stats.failed(failure.getKey().get(0).getName(), failure.getValue()); // logs it too
                        failed++;
                    } else if (failed++ < NAMED) {
                        LOG.warn("could not {} {}: {}", action, failure.getKey().get(0).getName(), failure.getValue().toString());
                    }
                }
            }
            if (failed > NAMED) {
                LOG.warn("could not {} {} classes in all", action, failed);
            }
            count.addAndGet(failed);
            retransformed.addAndGet(types.size() - failed);
        }

        /** Classes retransformed without failing. */
        int retransformed() {
            return retransformed.get();
        }

        int count() {
            return count.get();
        }
    }
}
