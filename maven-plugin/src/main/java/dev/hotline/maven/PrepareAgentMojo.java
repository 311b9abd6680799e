package dev.hotline.maven;

import dev.hotline.core.options.AgentOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Sets a property, {@code argLine} unless {@code propertyName} names another, to
 * {@code -javaagent:<hotline-agent.jar>=<options>}, after what the property already holds, so that
 * Surefire and Failsafe run the tests under the agent. A Surefire {@code <argLine>} of its own keeps
 * the agent with {@code @{argLine}} (late replacement): {@code <argLine>@{argLine} -Xmx1g</argLine>}.
 * The jar is the plugin's own dependency {@code dev.hotline:hotline-agent:shaded}, the jar users
 * run by hand. Every agent option is a parameter of the same name (README, "Agent options").
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractHotlineMojo {

    static final String AGENT_ARTIFACT = "dev.hotline:hotline-agent";

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifactMap;

    /** The property to set: {@code argLine} (Surefire and Failsafe), or another one a plugin reads. */
    @Parameter(property = "hotline.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Where the test JVM writes its dump ({@code out=}); {@code %p} is its pid. */
    @Parameter(property = "hotline.destFile", defaultValue = "${project.build.directory}/hotline.hotline")
    File destFile;

    /** Classes whose methods get timers, one pattern per element ({@code includes=}); default: every class not the JDK's. */
    @Parameter(property = "hotline.includes")
    List<String> includes;

    /** Classes left alone even if {@code includes} matches ({@code excludes=}). */
    @Parameter(property = "hotline.excludes")
    List<String> excludes;

    /** Methods that also get timed line probes, {@code Class} or {@code Class#method} patterns ({@code lines=}). */
    @Parameter(property = "hotline.lines")
    List<String> lines;

    /** Methods whose lines are counted without times ({@code linehits=}). */
    @Parameter(property = "hotline.linehits")
    List<String> lineHits;

    /** Methods whose allocation sites get counters ({@code alloc=}). */
    @Parameter(property = "hotline.alloc")
    List<String> alloc;

    /** The agent's log level: error, warn, info or debug ({@code log=}; default warn). */
    @Parameter(property = "hotline.log")
    String log;

    /** Also write the dump every DURATION, such as {@code 10s} ({@code interval=}). */
    @Parameter(property = "hotline.interval")
    String interval;

    /** Write the original and instrumented bytes of every class changed under this directory ({@code dumpclasses=}). */
    @Parameter(property = "hotline.dumpclasses")
    File dumpClasses;

    /** The most methods that get a timer ({@code maxmethods=}; default 500000). */
    @Parameter(property = "hotline.maxmethods")
    Integer maxMethods;

    /** {@code adaptive} (default) or {@code exact} ({@code timing=}). */
    @Parameter(property = "hotline.timing")
    String timing;

    /** Adaptive timing's target share of the program's time, in percent ({@code budget=}; default 5). */
    @Parameter(property = "hotline.budget")
    String budget;

    /**
     * Call-tree nodes per thread, optionally {@code /} over all threads, before new paths go to their
     * caller's "(other paths)" ({@code calltree=}; default 200000/1000000).
     */
    @Parameter(property = "hotline.calltree")
    String callTree;

    /**
     * Serve live metrics for Prometheus at {@code http://HOST:PORT/metrics} while the tests run
     * ({@code metrics=}; PORT alone: the loopback address). Every forked test JVM binds it, so with
     * several forks at once only the first gets the port (the others log one ERROR line and run on).
     */
    @Parameter(property = "hotline.metrics")
    String metrics;

    /** How many methods the metrics show ({@code metricstop=}; default 50). */
    @Parameter(property = "hotline.metricstop")
    Integer metricsTop;

    /** Which methods the metrics show: {@code tottime} (default), {@code cumtime} or {@code calls} ({@code metricssort=}). */
    @Parameter(property = "hotline.metricssort")
    String metricsSort;

    @Override
    void run() throws MojoExecutionException {
        Artifact agent = pluginArtifactMap.get(AGENT_ARTIFACT);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("the plugin's dependency " + AGENT_ARTIFACT + " is not resolved: no agent jar to run");
        }
        String argument;
        try {
            argument = agentArgument().toArgument(agent.getFile().toPath().toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("hotline prepare-agent: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(destFile.getAbsoluteFile().toPath().getParent());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot create the directory of " + destFile + ": " + e, e);
        }
        Properties properties = project.getProperties();
        String value = ArgLine.withAgent(properties.getProperty(propertyName), argument, agent.getFile().toPath().toAbsolutePath());
        properties.setProperty(propertyName, value);
        getLog().info(propertyName + " set to " + value);
    }

    /** So that {@code @{argLine}} still resolves when the goal is skipped. */
    @Override
    void skipped() {
        if (project.getProperties().getProperty(propertyName) == null) {
            project.getProperties().setProperty(propertyName, "");
        }
    }

    AgentArgument agentArgument() {
        return new AgentArgument()
                .patterns(AgentOptions.INCLUDES, "includes", includes)
                .patterns(AgentOptions.EXCLUDES, "excludes", excludes)
                .patterns(AgentOptions.LINES, "lines", lines)
                .patterns(AgentOptions.LINE_HITS, "lineHits", lineHits)
                .patterns(AgentOptions.ALLOC, "alloc", alloc)
                .option(AgentOptions.OUT, "destFile", destFile.getAbsolutePath())
                .option(AgentOptions.LOG, "log", log)
                .option(AgentOptions.INTERVAL, "interval", interval)
                .option(AgentOptions.DUMP_CLASSES, "dumpClasses", dumpClasses == null ? null : dumpClasses.getAbsolutePath())
                .option(AgentOptions.MAX_METHODS, "maxMethods", maxMethods == null ? null : maxMethods.toString())
                .option(AgentOptions.TIMING, "timing", timing)
                .option(AgentOptions.BUDGET, "budget", budget)
                .option(AgentOptions.CALL_TREE, "callTree", callTree)
                .option(AgentOptions.METRICS, "metrics", metrics)
                .option(AgentOptions.METRICS_TOP, "metricsTop", metricsTop == null ? null : metricsTop.toString())
                .option(AgentOptions.METRICS_SORT, "metricsSort", metricsSort);
    }
}
