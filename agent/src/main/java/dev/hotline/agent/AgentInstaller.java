package dev.hotline.agent;

import dev.hotline.core.capture.ThreadRetirement;
import dev.hotline.core.instrument.ClassInstrumenter;
import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.probe.ProbeCatalog;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses the options, installs the transformer and registers the dump hook.
 *
 * <p>A plain {@link java.lang.instrument.ClassFileTransformer}, not Byte Buddy's AgentBuilder: the
 * AgentBuilder's constructor initializes its Unsafe-based class injector, which makes JDK 24+ print
 * four "terminally deprecated method in sun.misc.Unsafe" warnings on the host's stderr, and the
 * transform is already a pure function of the class bytes.
 */
final class AgentInstaller {

    private AgentInstaller() {
    }

    static void install(String rawOptions, Instrumentation instrumentation, boolean attached) {
        // When the agent started (moments after the JVM). Not ProcessHandle.info(): it resolves the
        // process's user through the name service, which leaves a socket open in the host.
        long startMillis = System.currentTimeMillis();
        AgentOptions options = AgentOptions.parse(rawOptions);
        Log.setLevel(options.logLevel());
        options.problems().forEach(Log::error);
        Path out = options.out(ProcessHandle.current().pid());
        warnIfUnwritable(out);

        int maxMethods = options.maxMethods();
        ProbeCatalog catalog = new ProbeCatalog(maxMethods, () -> Log.warn("reached the cap of " + maxMethods
                + " method probes: methods of classes loaded from now on get no timer (raise it with maxmethods=)"));
        TransformStats stats = new TransformStats();
        ClassInstrumenter instrumenter = new ClassInstrumenter(catalog,
                dev.hotline.core.options.ProbeSelection.of(options));
        ClassFilter filter = new ClassFilter(dev.hotline.core.options.ClassSelection.of(options));
        JvmInstanceSizes sizes = new JvmInstanceSizes(instrumentation);
        if (!options.alloc().isEmpty()) {
            JvmInstanceSizes.configureArrayLayout(instrumentation);
        }

        TimerTransformer transformer = new TimerTransformer(filter, instrumenter, stats,
                options.alloc().isEmpty() ? null : (name, loader) -> {
                    if (options.alloc().selectsClass(name)) {
                        sizes.definedBy(name, loader);
                    }
                });
        if (options.dumpClasses() != null) {
            transformer.dumpingTo(new ClassFileDumper(options.dumpClasses()));
        }
        warmUp(instrumenter);
        instrumentation.addTransformer(transformer, true);
        if (attached) {
            retransformLoaded(instrumentation, filter);
        }

        java.time.Duration interval = options.interval();
        IntervalHistograms intervals = interval == null ? null : new IntervalHistograms(startMillis);
        ThreadRetirement threads = new ThreadRetirement(catalog, sizes);
        startSweeper(threads);
        DumpOnExit dump = new DumpOnExit(threads, stats, out, options.raw(), startMillis, intervals);
        Runtime.getRuntime().addShutdownHook(new Thread(dump, "hotline-dump"));
        if (interval != null) {
            startPeriodicFlush(dump, interval);
        }
        Log.info("started; dump goes to " + out.toAbsolutePath());
    }

    /**
     * Loads every class the transform needs (ASM, the inserters) before the transformer is
     * registered, so no class the transform itself loads is ever offered to it mid-transform.
     */
    private static void warmUp(ClassInstrumenter instrumenter) {
        try (var in = AgentInstaller.class.getResourceAsStream("AgentInstaller.class")) {
            new ClassInstrumenter(new ProbeCatalog()).instrument(in.readAllBytes());
        } catch (Exception | LinkageError e) {
            Log.debug("warm-up transform failed: " + e);
        }
    }

    /** On attach: instruments the classes loaded before the agent came. */
    private static void retransformLoaded(Instrumentation instrumentation, ClassFilter filter) {
        java.util.List<Class<?>> classes = new java.util.ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (instrumentation.isModifiableClass(type) && !type.isHidden() && !type.isArray()
                    && filter.accepts(type.getName(), type.getClassLoader())) {
                classes.add(type);
            }
        }
        for (Class<?> type : classes) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable t) {
                Log.warn("could not retransform " + type.getName() + ": " + t);
            }
        }
    }

    /**
     * A daemon thread that merges the recorders of ended threads away every two seconds, or sooner
     * when the runtime sees many registered (it unparks it), so memory follows the live threads,
     * not every thread that ever ran.
     */
    private static void startSweeper(ThreadRetirement threads) {
        Thread sweeper = new Thread(() -> {
            while (true) {
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000_000L);
                try {
                    threads.retireEnded();
                } catch (Throwable t) {
                    Log.debug("retiring ended threads failed: " + t);
                }
            }
        }, "hotline-sweeper");
        sweeper.setDaemon(true);
        dev.hotline.runtime.Recorders.setSweeper(sweeper);
        sweeper.start();
    }

    /** A daemon thread that writes the dump every {@code interval}; it never keeps the JVM alive. */
    private static void startPeriodicFlush(DumpOnExit dump, java.time.Duration interval) {
        var flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hotline-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        flusher.scheduleAtFixedRate(dump::write, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static void warnIfUnwritable(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            Log.warn("the dump directory " + dir + " does not exist; the application runs on, the dump will be lost unless it appears");
        } else if (!Files.isWritable(dir)) {
            Log.warn("the dump directory " + dir + " is not writable; the application runs on, the dump will be lost");
        }
    }
}
