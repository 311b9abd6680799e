package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.report.SourceLookup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the Julia-set demo of High Performance Python under the agent.", "",
            "Runs the demo once without the agent and once with it (same JVM and demo",
            "arguments), prints both times and their ratio, then the method table.",
            "The boxed implementation makes a Complex object per operation, as the book's",
            "pure-Python version does: 33,219,980 multiplies and adds.",
            "--lines, --linehits and --alloc without METHODS mean the demo's classes,",
            "dev.hotline.demo.*."})
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_JAR_PROPERTY = "hotline.demo.jar";

    /** The build puts the demo jar beside the agent jar under this name. */
    static final String DEMO_JAR_NAME = "hotline-demo.jar";

    /** What the demo times, and what a bare --lines, --linehits or --alloc selects. */
    static final String DEMO_CLASSES = "dev.hotline.demo.*";

    enum Implementation { BOXED, PRIMITIVE, PARALLEL }

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", defaultValue = "boxed", paramLabel = "IMPL",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Implementation implementation;

    @Option(names = "--width", defaultValue = "1000", description = "Grid width and height (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--max-iter", defaultValue = "300", description = "Iteration limit per point (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = {"-o", "--output"}, defaultValue = "hotline-demo.hotline", paramLabel = "FILE",
            description = "Where the dump goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--demo-jar", paramLabel = "JAR",
            description = "The demo jar (default: -D" + DEMO_JAR_PROPERTY + " if set, else " + DEMO_JAR_NAME
                    + " beside the agent jar).")
    Path demoJar;

    @Option(names = "--no-plain", description = "Skip the run without the agent (and the comparison of the times).")
    boolean noPlain;

    @Mixin
    AgentRunFlags agent = new AgentRunFlags();

    @Mixin
    ReportOptions report = new ReportOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path agentJar = AgentJar.locate();
        Path jar = demoJar != null ? demoJar : defaultDemoJar(agentJar);
        if (!Files.isRegularFile(jar)) {
            err.println("hotline demo: no demo jar at " + jar + " (./mvnw -B package builds it beside the agent jar; or pass --demo-jar)");
            return HotlineCli.EXIT_BAD_INPUT;
        }
        AgentOptions options = agent.options(DEMO_CLASSES, DEMO_CLASSES, output);
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "--impl", implementation.name().toLowerCase(java.util.Locale.ROOT),
                "--width", Integer.toString(width),
                "--max-iter", Integer.toString(maxIter)));
        String demoArguments = " -jar " + jar.getFileName() + " " + String.join(" ", command.subList(3, command.size()));
        DemoRun plain = null;
        if (!noPlain) {
            out.println("$ java" + demoArguments);
            out.flush();
            plain = DemoRun.run(new ProcessBuilder(command).inheritIO(), out);
            if (plain.exitCode() != 0) {
                err.println("hotline demo: the demo failed without the agent, exit code " + plain.exitCode());
                return plain.exitCode();
            }
        }
        AgentLaunch launch = new AgentLaunch(agentJar, options);
        out.println("$ java " + launch.agentArgument() + demoArguments);
        out.flush();
        DemoRun profiled = DemoRun.run(launch.builder(command), out);
        if (profiled.exitCode() != 0) {
            err.println("hotline demo: the demo failed with exit code " + profiled.exitCode());
            return profiled.exitCode();
        }
        if (plain != null) {
            out.println(DemoRun.comparison(plain, profiled));
        }
        out.println();
        SourceLookup sources = new SourceLookup(List.of(jar)); // the demo jar carries its sources
        return report.write(options.out(profiled.pid()), report.afterRun(sources, options), null, spec);
    }

    /** {@code -Dhotline.demo.jar}, or hotline-demo.jar in the agent jar's directory, where the build puts it. */
    static Path defaultDemoJar(Path agentJar) {
        String override = System.getProperty(DEMO_JAR_PROPERTY);
        if (override != null) {
            return Paths.get(override);
        }
        return agentJar.toAbsolutePath().normalize().resolveSibling(DEMO_JAR_NAME);
    }
}
