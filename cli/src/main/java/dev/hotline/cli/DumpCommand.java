package dev.hotline.cli;

import dev.hotline.core.attach.ControlReply;
import dev.hotline.core.attach.ControlRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Write a dump of a JVM hotline is attached to; recording goes on.", "",
            "Example: hotline dump 4242 -o first-minute.hotline && hotline report first-minute.hotline"})
final class DumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "A JVM hotline is attached to.")
    long pid;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the dump (default: the session's dump path).")
    Path output;

    @Override
    public Integer call() {
        ControlReply reply = ControlCommands.request(spec, pid, ControlRequest.Command.DUMP, output);
        if (reply == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        spec.commandLine().getOut().println("dump written to " + reply.value("out"));
        return 0;
    }
}
