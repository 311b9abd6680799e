package dev.hotline.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where hotline and its peers are, and the command line each is given. Every peer runs in the
 * configuration its own documentation or MooBench uses for "measure, but ship nothing anywhere".
 */
final class Peers {

    /** The Jetty version benchmarks/run fetches (keep the two in step). */
    static final String JETTY = "12.1.13";

    final Path root;
    final Path java17;
    final Path java25;
    final Path hotlineAgent;
    final Path work;
    private final Path peers;

    Peers(Path root, Path java17, Path java25) {
        this.root = root;
        this.java17 = java17;
        this.java25 = java25;
        this.hotlineAgent = root.resolve("agent/target/hotline-agent.jar");
        this.work = root.resolve("benchmarks/target/work");
        this.peers = root.resolve("benchmarks/target/peers");
    }

    Setup none(Path java) {
        return new Setup("no agent", java, List.of());
    }

    /**
     * hotline with the given agent options (out= is added: a dump per run, {@link #dump()}). Without
     * {@code timing=} the agent runs in its default mode, adaptive timing with {@code budget=5}.
     */
    Setup hotline(String name, Path java, String options) {
        return new Setup(name, java, List.of("-javaagent:" + hotlineAgent + "=" + options + ",out=" + dump()));
    }

    /** Where hotline's runs write their dump (each run replaces it). */
    Path dump() {
        return work.resolve("run.hotline");
    }

    /** The real-server workload (compiled by benchmarks/run) and the Jetty it embeds. */
    String serverClassPath() {
        StringBuilder cp = new StringBuilder(root.resolve("benchmarks/target/server-classes").toString());
        for (String jar : new String[] {"jetty-server", "jetty-http", "jetty-io", "jetty-util"}) {
            cp.append(':').append(peers.resolve(jar + "-" + JETTY + ".jar"));
        }
        return cp.append(':').append(peers.resolve("slf4j-api-2.0.17.jar")).toString();
    }

    /** Commons Lang's sources (benchmarks/run unpacks them): what the javac workload compiles. */
    Path lang3Sources() {
        return peers.resolve("commons-lang3-sources");
    }

    /** integration-tests' compiled test classes: the known-work app of the accuracy table. */
    Path knownWorkClasses() {
        return root.resolve("integration-tests/target/test-classes");
    }

    /** JaCoCo's agent, no output (coverage probes only; JaCoCo records no times). */
    Setup jacoco(String includes) {
        return new Setup("JaCoCo 0.8.15 (coverage only)", java17, List.of("-javaagent:"
                + peers.resolve("org.jacoco.agent-0.8.15-runtime.jar") + "=output=none,includes=" + includes));
    }

    /** Kieker's Byte Buddy agent with MooBench's "no collection" writer (records made, then dropped). */
    Setup kieker(String signatures) {
        return new Setup("Kieker 2.0.2 Byte Buddy, dump writer", java17, List.of(
                "-javaagent:" + peers.resolve("kieker-2.0.2-bytebuddy.jar"),
                "-Dkieker.monitoring.enabled=true",
                "-Dkieker.monitoring.writer=kieker.monitoring.writer.dump.DumpWriter",
                "-Dkieker.monitoring.core.controller.WriterController.RecordQueueFQN=kieker.monitoring.writer.dump.DumpQueue",
                "-Dkieker.monitoring.adaptiveMonitoring.enabled=false",
                "-Dkieker.monitoring.periodicSensorsExecutorPoolSize=0"),
                signatures == null ? Map.of() : Map.of("KIEKER_SIGNATURES_INCLUDE", signatures), null);
    }

    /** The OpenTelemetry Java agent, exporting nothing; {@code methods}: otel.instrumentation.methods.include. */
    Setup openTelemetry(String name, String sampler, String methods) {
        List<String> args = new ArrayList<>(List.of(
                "-javaagent:" + peers.resolve("opentelemetry-javaagent-2.33.1.jar"),
                "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
                "-Dotel.traces.sampler=" + sampler, "-Dotel.javaagent.logging=none"));
        if (methods != null) {
            args.add("-Dotel.instrumentation.methods.include=" + methods);
        }
        return new Setup(name, java17, args);
    }

    /** JDK 25's method timing (JEP 520): jdk.MethodTiming with a method filter. */
    Setup jfrMethodTiming(String filter) {
        return new Setup("JFR jdk.MethodTiming (JDK 25)", java25, List.of(
                "-XX:StartFlightRecording:jdk.MethodTiming#filter=" + filter + ",filename="
                        + work.resolve("run.jfr"), "-Xlog:jfr+startup=warning"));
    }

    /** JFR with the "profile" settings (sampling, allocation, locks...). */
    Setup jfrProfile(Path java) {
        return new Setup("JFR settings=profile", java, List.of("-XX:StartFlightRecording:settings=profile,filename="
                + work.resolve("run.jfr"), "-Xlog:jfr+startup=warning"));
    }

    /** async-profiler sampling CPU (perf events, or its timer fallback) from start to exit. */
    Setup asyncProfiler() {
        return new Setup("async-profiler 4.6 (cpu sampling)", java17, List.of("-agentpath:" + asyncProfilerLibrary()
                + "=start,event=cpu,file=" + work.resolve("run.collapsed") + ",collapsed"));
    }

    /** google's allocation-instrumenter with a sampler that counts allocations and bytes. */
    Setup allocationInstrumenter() {
        return new Setup("allocation-instrumenter 3.3.4 (counting)", java17, List.of(
                "-javaagent:" + peers.resolve("java-allocation-instrumenter-3.3.4.jar")), Map.of(),
                "dev.hotline.bench.CountingSamplerMain");
    }

    /** The suite's class path plus what a workload needs (the allocation-instrumenter's classes). */
    String classPath() {
        Path bench = root.resolve("benchmarks/target");
        return bench.resolve("classes") + ":" + bench.resolve("lib/*") + ":"
                + peers.resolve("java-allocation-instrumenter-3.3.4.jar") + ":" + startupJar();
    }

    /** The start-up benchmark's generated application classes. */
    Path startupJar() {
        return root.resolve("benchmarks/target/startup-classes.jar");
    }

    private Path asyncProfilerLibrary() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "linux-arm64" : "linux-x64";
        Path lib = peers.resolve("async-profiler").resolve(arch).resolve("libasyncProfiler.so");
        if (!Files.exists(lib)) {
            throw new IllegalStateException("no " + lib + " (benchmarks/run unpacks it)");
        }
        return lib;
    }
}
