package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@link AgentFlags} and the agent options of how it runs, for the commands that start or attach
 * to a JVM: {@code record} and {@code demo}. The dump path ({@code out=}) is the command's own
 * {@code -o}, whose default differs between them.
 */
final class AgentRunFlags extends AgentFlags {

    @Option(names = "--log", paramLabel = "LEVEL", description = "Agent log level: error, warn, info, debug (log=; default warn).")
    String log;

    @Option(names = "--logfile", paramLabel = "FILE",
            description = "Append the agent's log lines to FILE instead of the JVM's stderr; %%p is the pid (logfile=).")
    String logFile;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Also write the dump every DURATION, e.g. 10s, with a latency histogram per interval (interval=).")
    String interval;

    @Option(names = "--dumpclasses", paramLabel = "DIR",
            description = "Write the original and instrumented bytes of every class changed under DIR (dumpclasses=).")
    String dumpClasses;

    @Option(names = "--maxmethods", paramLabel = "N", description = "The most methods that get a timer (maxmethods=; default 500000).")
    String maxMethods;

    @Option(names = "--timing", paramLabel = "MODE",
            description = "adaptive (default: short, frequent methods timed at 1 in N calls, every call counted) or exact (every call timed) (timing=).")
    String timing;

    @Option(names = "--budget", paramLabel = "PERCENT",
            description = "Adaptive timing's target: the share of a method's time its probes may add, in percent (budget=; default 5).")
    String budget;

    @Option(names = "--calltree", paramLabel = "N[/TOTAL]",
            description = "Call-tree nodes per thread (and over all threads) before new paths go to their caller's"
                    + " \"(other paths)\"; counts and times stay exact (calltree=; default 200000/1000000).")
    String callTree;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT",
            description = "Serve live metrics at http://HOST:PORT/metrics for Prometheus; PORT alone listens on the loopback address (metrics=).")
    String metrics;

    @Option(names = "--metricstop", paramLabel = "N", description = "How many methods the metrics show (metricstop=; default 50).")
    String metricsTop;

    @Option(names = "--metricssort", paramLabel = "KEY",
            description = "Which methods the metrics show: tottime (default), cumtime or calls, largest first (metricssort=).")
    String metricsSort;

    /**
     * The agent options these flags give, with the dump at {@code out} ({@code %p} the pid).
     *
     * @see AgentFlags#options(String, String)
     */
    AgentOptions options(String own, String defaultIncludes, Path out) {
        Map<String, String> values = selection(own, defaultIncludes);
        values.put(AgentOptions.LOG, checked(AgentOptions.LOG, log));
        values.put(AgentOptions.LOG_FILE, checked(AgentOptions.LOG_FILE, logFile == null ? null : Path.of(logFile).toAbsolutePath().toString()));
        values.put(AgentOptions.INTERVAL, checked(AgentOptions.INTERVAL, interval));
        values.put(AgentOptions.DUMP_CLASSES, checked(AgentOptions.DUMP_CLASSES, dumpClasses));
        values.put(AgentOptions.MAX_METHODS, checked(AgentOptions.MAX_METHODS, maxMethods));
        values.put(AgentOptions.TIMING, checked(AgentOptions.TIMING, timing));
        values.put(AgentOptions.BUDGET, checked(AgentOptions.BUDGET, budget));
        values.put(AgentOptions.CALL_TREE, checked(AgentOptions.CALL_TREE, callTree));
        values.put(AgentOptions.METRICS, checked(AgentOptions.METRICS, metrics));
        values.put(AgentOptions.METRICS_TOP, checked(AgentOptions.METRICS_TOP, metricsTop));
        values.put(AgentOptions.METRICS_SORT, checked(AgentOptions.METRICS_SORT, metricsSort));
        values.put(AgentOptions.OUT, checked("-o", AgentOptions.OUT, out.toAbsolutePath().toString()));
        return validated(values);
    }
}
