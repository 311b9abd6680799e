package dev.hotline.agent;

import dev.hotline.agent.logging.LogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hotline.core.capture.ThreadRetirement;
import dev.hotline.core.instrument.ClassInstrumenter;
import dev.hotline.core.metrics.MetricsExposition;
import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.core.options.ClassSelection;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.runtime.ProbeCalibration;
import dev.hotline.runtime.CallTreeLimits;
import dev.hotline.runtime.Recorders;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the agent in a JVM, from {@link #start} to {@link #stop}: it owns the probe catalog,
 * the {@link ProbeTransformer} that fills it, the sweeper thread that retires ended threads
 * ({@code hotline-sweeper}), the flush thread ({@code hotline-flush}, only with {@code interval=}),
 * the metrics endpoint ({@link MetricsEndpoint}, only with {@code metrics=}) and the shutdown hook
 * ({@code hotline-dump}), which stops the session and writes the last dump.
 *
 * <p>Must not be loaded before {@link BootstrapRuntime#inject}: it refers to the runtime, whose
 * classes must resolve to the bootstrap loader's copies.
 *
 * <p>Thread-safety: {@link #stop} synchronizes and may be called from any thread, the shutdown
 * hook included, any number of times.
 */
final class AgentSession {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    /** What {@link #stop} does about the dump. */
    enum FinalDump {
        /** Write one last dump of everything recorded (what the shutdown hook does). */
        WRITE,
        /** Write nothing: the dump on disk, if any, stays the last periodic one. */
        SKIP
    }

    /** How long the sweeper sleeps between passes unless the runtime wakes it. */
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long {@link #stop} waits for each thread to end; it never hangs the JVM's exit. */
    private static final long JOIN_MILLIS = 10_000;

    /** The catalog of the JVM's latest session: a re-attached session's ids start past its ids. */
    private static ProbeCatalog latestCatalog;

    /** What a detach did: classes given their original bytes back, and those that could not be (-1: none could). */
    record Detached(int restored, int failed) {
    }

    private final Instrumentation instrumentation;
    private final Path out;
    private final TransformStats stats;
    private final ClassFilter filter;
    private final ProbeTransformer transformer;
    private final ThreadRetirement threads;
    private final LiveProfile live;
    private final DumpOnExit dump;
    private final Duration interval;
    private final AgentOptions options;
    private final Thread sweeper;
    private final Thread shutdownHook;
    private volatile boolean sweeping = true;
    private ScheduledExecutorService flusher; // null without interval=
    private MetricsEndpoint metrics; // null without metrics=, or when it could not start
    private ProbeInstallation installation; // null until install
    private boolean stopped;

    private AgentSession(AgentOptions options, Instrumentation instrumentation, long startMillis) {
        this.instrumentation = instrumentation;
        this.out = options.out(ProcessHandle.current().pid());
        int maxMethods = options.maxMethods();
        ProbeCatalog catalog;
        synchronized (AgentSession.class) {
            catalog = latestCatalog = ProbeCatalog.following(latestCatalog, maxMethods, () -> LOG.warn("reached the cap of "
                    + maxMethods + " method probes: methods of classes loaded from now on get no timer (raise it with maxmethods=)"));
        }
        TransformStats stats = new TransformStats();
        this.stats = stats;
        this.filter = new ClassFilter(ClassSelection.of(options));
        JvmInstanceSizes sizes = new JvmInstanceSizes(instrumentation);
        this.transformer = new ProbeTransformer(filter, new ClassInstrumenter(catalog, ProbeSelection.of(options)), stats,
                options.alloc().isEmpty() ? null : (name, loader) -> {
                    if (options.alloc().selectsClass(name)) {
                        sizes.definedBy(name, loader);
                    }
                });
        if (options.dumpClasses() != null) {
            transformer.dumpingTo(new ClassFileDumper(options.dumpClasses()));
        }
        this.threads = new ThreadRetirement(catalog, sizes);
        this.interval = options.interval();
        this.options = options;
        this.live = new LiveProfile(threads, stats, options.raw(), startMillis);
        this.dump = new DumpOnExit(live, out, interval == null ? null : new IntervalHistograms(startMillis));
        this.sweeper = new Thread(this::sweep, "hotline-sweeper");
        sweeper.setDaemon(true);
        this.shutdownHook = new Thread(() -> stop(FinalDump.WRITE), "hotline-dump");
    }

    /**
     * Parses the options, registers the transformer (on attach, also retransforms the classes
     * already loaded that the options select), starts the sweeper, with {@code interval=} the
     * flush thread and with {@code metrics=} the metrics endpoint, and registers the shutdown hook.
     *
     * @param attached true from {@code agentmain}: the JVM was running before the agent came
     */
    static AgentSession start(String rawOptions, Instrumentation instrumentation, boolean attached) {
        // When the agent started (moments after the JVM). Not ProcessHandle.info(): it resolves the
        // process's user through the name service, which leaves a socket open in the host.
        long startMillis = System.currentTimeMillis();
        AgentOptions options = AgentOptions.parse(rawOptions);
        LogSink.setLevel(options.logLevel());
        LogSink.logTo(options.logFile(ProcessHandle.current().pid()));
        options.problems().forEach(LOG::error);
        AgentSession session = new AgentSession(options, instrumentation, startMillis);
        warnIfUnwritable(session.out);
        if (!options.alloc().isEmpty()) {
            JvmInstanceSizes.configureArrayLayout(instrumentation);
        }
        warmUp(options);
        CallTreeLimits.set(options.callTreePerThread(), options.callTreeTotal());
        Calibration calibration = Calibration.run(options);
        session.live.withFacts(() -> {
            java.util.Map<String, String> facts = new java.util.LinkedHashMap<>(calibration.facts());
            facts.put(SessionKeys.CALL_TREE_LIMIT_PER_THREAD, Integer.toString(CallTreeLimits.perThread()));
            facts.put(SessionKeys.CALL_TREE_LIMIT_TOTAL, Long.toString(CallTreeLimits.total()));
            return facts;
        });
        session.install(attached);
        return session;
    }

    private synchronized void install(boolean attached) {
        installation = attached ? ProbeInstallation.onAttach(instrumentation, transformer, filter, stats)
                : ProbeInstallation.atStartup(instrumentation, transformer, filter);
        Recorders.setSweeper(sweeper);
        sweeper.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (interval != null) {
            flusher = startPeriodicFlush(dump, interval);
        }
        if (options.metrics() != null) {
            metrics = MetricsEndpoint.start(options.metrics(), live,
                    new MetricsExposition(options.metricsTop(), options.metricsSort()));
        }
        LOG.info("started; dump goes to " + out.toAbsolutePath());
    }

    /**
     * Takes down what {@link #start} set up, as the JVM exits: removes the transformer (classes
     * loaded from now on get no probes) and the rest as {@link #stop(FinalDump, boolean)} does, but
     * leaves the instrumented classes as they are (the JVM is about to end; putting them back would
     * only delay that).
     */
    void stop(FinalDump finalDump) {
        stop(finalDump, false);
    }

    /**
     * Takes down what {@link #start} set up: removes the transformer from the {@link Instrumentation}
     * and, if {@code restoreClasses} (detach), retransforms every class it may have changed back to
     * its bytes from before the session ({@link ProbeInstallation#reset}: a call already running
     * finishes in the instrumented code); stops the sweeper and the flush thread and waits for them
     * to end, closes the metrics endpoint's port and ends its threads, removes the shutdown hook (unless it is the one running), then, if {@code finalDump}
     * says so, writes the dump once more. Idempotent: a second call, with any choice, does nothing.
     * Never throws. Returns what the restore did (nothing without {@code restoreClasses}).
     */
    synchronized Detached stop(FinalDump finalDump, boolean restoreClasses) {
        if (stopped) {
            return new Detached(0, 0);
        }
        stopped = true;
        boolean exiting = Thread.currentThread() == shutdownHook;
        Detached restored = new Detached(0, 0);
        if (restoreClasses) {
            restored = installation.reset();
            if (restored.failed() != 0) {
                LOG.warn("{} classes could not be given their original bytes back and keep their probes",
                        restored.failed() < 0 ? "some" : restored.failed());
            }
        } else {
            installation.remove();
        }
        stopSweeper();
        stopFlush();
        if (metrics != null) {
            metrics.stop(JOIN_MILLIS);
        }
        try {
            ProbeCalibration.stop(JOIN_MILLIS); // its background phase, if still refining the figures
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!exiting) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: its hook may be about to run, and will find the session stopped
            }
        }
        if (finalDump == FinalDump.WRITE) {
            dump.write();
        }
        if (!exiting) {
            LOG.info("stopped");
        }
        return restored;
    }

    /** Where the dump goes. */
    Path out() {
        return out;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** Writes a dump now, to {@code target} or (null) the session's path; returns where, or null if it failed. */
    Path dumpNow(Path target) {
        Path path = target != null ? target : out;
        return dump.writeTo(path) ? path : null;
    }

    /** Stops the session and gives every class it changed its original bytes back (no dump: write one first). */
    Detached detach() {
        Detached detached = stop(FinalDump.SKIP, true);
        LogSink.closeFile(); // the next session opens its own logfile=, if any
        return detached;
    }

    /** Where the metrics endpoint listens; null without {@code metrics=}, when it could not start, or after stop. */
    synchronized InetSocketAddress metricsAddress() {
        return metrics == null || stopped ? null : metrics.address();
    }

    /** The hook that stops the session and writes the dump at exit; registered from start until stop. */
    Thread shutdownHook() {
        return shutdownHook;
    }

    /**
     * Loads every class the transform will need (ASM, and the inserters of the probe kinds the
     * options ask for) before the transformer is registered, so no class the transform needs is
     * loaded in the middle of a transform. Instruments one class of the agent's own, with a
     * catalog of its own, so the session's catalog hands out no id for it.
     */
    private static void warmUp(AgentOptions options) {
        MethodSelection all = MethodSelection.parse("*");
        MethodSelection none = MethodSelection.none();
        List<ProbeSelection> passes = new ArrayList<>();
        passes.add(new ProbeSelection(null, options.lines().isEmpty() ? none : all, none,
                options.alloc().isEmpty() ? none : all));
        if (!options.lineHits().isEmpty()) {
            passes.add(new ProbeSelection(null, none, all, none)); // counted lines: only where lines= does not reach
        }
        try (InputStream in = AgentSession.class.getResourceAsStream("AgentSession.class")) {
            byte[] classFile = in.readAllBytes();
            for (ProbeSelection probes : passes) {
                new ClassInstrumenter(new ProbeCatalog(), probes).instrument(classFile);
            }
        } catch (Exception | LinkageError e) {
            LOG.debug("warm-up transform failed: " + e);
        }
    }

    private void sweep() {
        while (sweeping) {
            LockSupport.parkNanos(SWEEP_NANOS);
            if (!sweeping) {
                return;
            }
            try {
                threads.retireEnded();
            } catch (Throwable t) {
                LOG.debug("retiring ended threads failed: " + t);
            }
        }
    }

    private void stopSweeper() {
        sweeping = false;
        Recorders.setSweeper(null);
        LockSupport.unpark(sweeper);
        if (Thread.currentThread() != sweeper) {
            try {
                sweeper.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A daemon thread that writes the dump every {@code interval}; it never keeps the JVM alive. */
    private static ScheduledExecutorService startPeriodicFlush(DumpOnExit dump, Duration interval) {
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hotline-flush");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        flusher.scheduleAtFixedRate(dump::write, millis, millis, TimeUnit.MILLISECONDS);
        return flusher;
    }

    /** Cancels the periodic flush and waits for a write under way (not interrupted: it finishes whole). */
    private void stopFlush() {
        if (flusher == null) {
            return;
        }
        flusher.shutdown();
        try {
            flusher.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warnIfUnwritable(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            LOG.warn("the dump directory " + dir + " does not exist; the application runs on, the dump will be lost unless it appears");
        } else if (!Files.isWritable(dir)) {
            LOG.warn("the dump directory " + dir + " is not writable; the application runs on, the dump will be lost");
        }
    }
}
