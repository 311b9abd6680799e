package dev.hotline.core.cli;

import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.report.SourceLookup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a java command with the agent attached and print its report when it exits.", "", "Run a java command with the agent attached, then print its report",
            "(like py-spy record or kernprof). Exits with the command's exit code.",
            "",
            "Example: hotline record --includes 'com.acme.*' -- java -jar app.jar"})
final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Dump path; %%p is the pid (default: hotline-%%p.hotline).")
    String output;

    @Option(names = "--includes", paramLabel = "PATTERNS", description = "Classes to time, e.g. 'com.acme.*:org.example.Foo'.")
    String includes;

    @Option(names = "--excludes", paramLabel = "PATTERNS", description = "Classes not to time.")
    String excludes;

    @Option(names = "--lines", paramLabel = "METHODS",
            description = "Methods that also get line probes: class patterns or 'Class#method', ':'-separated.")
    String lines;

    @Option(names = "--linehits", paramLabel = "METHODS",
            description = "Methods whose lines are counted without times (no clock read per line), as --lines.")
    String lineHits;

    @Option(names = "--alloc", paramLabel = "METHODS",
            description = "Methods whose allocation sites get counters: class patterns or 'Class#method', ':'-separated.")
    String alloc;

    @Option(names = "--log", paramLabel = "LEVEL", description = "Agent log level: error, warn, info, debug.")
    String log;

    @Option(names = "--source-path", paramLabel = "PATH",
            description = "Directories and -sources.jar files for the line contents, ':'-separated.")
    String sourcePath;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command to run, after --: java ... or a script that runs java.")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String out = output == null ? AgentOptions.DEFAULT_OUT : output;
        AgentLaunch launch = new AgentLaunch(AgentJar.locate())
                .option(AgentOptions.INCLUDES, includes)
                .option(AgentOptions.EXCLUDES, excludes)
                .option(AgentOptions.LINES, lines)
                .option(AgentOptions.ALLOC, alloc)
                .option(AgentOptions.LINE_HITS, lineHits)
                .option(AgentOptions.LOG, log)
                .option(AgentOptions.OUT, Paths.get(out).toAbsolutePath().toString());
        Process process;
        try {
            process = launch.start(command);
        } catch (IOException e) {
            err.println("hotline record: cannot run " + command.get(0) + ": " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        int exitCode = AgentLaunch.waitFor(process);
        Path dump = Paths.get(out.replace("%p", Long.toString(process.pid())));
        if (!Files.exists(dump)) {
            err.println("hotline record: the command ended (exit code " + exitCode + ") without a dump at " + dump
                    + (AgentLaunch.isJava(command.get(0)) ? "" : "; a script's JVM has its own pid: pass -o FILE"));
            err.flush();
            return exitCode == 0 ? HotlineCli.EXIT_BAD_INPUT : exitCode;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println();
        int reportCode = report.write(dump, report.afterRun(SourceLookup.of(sourcePath), lines != null || lineHits != null,
                alloc != null), null, spec);
        return exitCode != 0 ? exitCode : reportCode;
    }
}
