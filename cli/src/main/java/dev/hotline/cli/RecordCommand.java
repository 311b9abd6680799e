package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "--lines, --linehits and --alloc without METHODS mean the classes of --includes.",
            "",
            "Example: hotline record --includes 'com.acme.*' -- java -jar app.jar"})
final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RecordingFlags recording = new RecordingFlags();

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command to run, after --: java ... or a script that runs java.")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        AgentOptions options = recording.options();
        Process process;
        try {
            process = new AgentLaunch(AgentJar.locate(), options).start(command);
        } catch (IOException e) {
            err.println("hotline record: cannot run " + command.get(0) + ": " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        int exitCode = AgentLaunch.waitFor(process);
        Path dump = options.out(process.pid());
        if (!Files.exists(dump)) {
            err.println("hotline record: the command ended (exit code " + exitCode + ") without a dump at " + dump
                    + (AgentLaunch.isJava(command.get(0)) ? "" : "; a script's JVM has its own pid: pass -o FILE"));
            err.flush();
            return exitCode == 0 ? HotlineCli.EXIT_BAD_INPUT : exitCode;
        }
        spec.commandLine().getOut().println();
        int reportCode = recording.printReport(dump, options, spec);
        return exitCode != 0 ? exitCode : reportCode;
    }
}
