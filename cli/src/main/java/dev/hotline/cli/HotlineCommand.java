package dev.hotline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "hotline",
        mixinStandardHelpOptions = true,
        versionProvider = HotlineVersion.class,
        description = {
            "A JVM profiler: exact method call counts and latency percentiles, recorded by a -javaagent.",
            "",
            "Attach:  java -javaagent:hotline-agent.jar=includes=com.acme.* -jar app.jar",
            "Read:    hotline report hotline-<pid>.hotline"},
        subcommands = {ReportCommand.class, RecordCommand.class, DemoCommand.class, BytecodeCommand.class, InfoCommand.class,
            MergeCommand.class, DiffCommand.class, CheckCommand.class, ExportCommand.class,
            AttachCommand.class, DumpCommand.class, DetachCommand.class, JvmsCommand.class, TopCommand.class,
            picocli.CommandLine.HelpCommand.class})
final class HotlineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return HotlineCli.EXIT_BAD_INPUT;
    }
}
