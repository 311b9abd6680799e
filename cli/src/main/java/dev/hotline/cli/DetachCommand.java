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

@Command(name = "detach", mixinStandardHelpOptions = true,
        description = {"Write a last dump of a JVM hotline is attached to, then detach.", "",
            "Every class hotline changed gets its original bytes back, its threads end and its hooks",
            "are removed; the JVM runs on as before. Works for a JVM started with -javaagent too.",
            "",
            "Example: hotline detach 4242 -o last.hotline"})
final class DetachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "A JVM hotline is attached to.")
    long pid;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the last dump (default: the session's dump path).")
    Path output;

    @Override
    public Integer call() {
        ControlReply reply = ControlCommands.request(spec, pid, ControlRequest.Command.DETACH, output);
        if (reply == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        String out = reply.value("out");
        spec.commandLine().getOut().println("detached from " + pid + ": " + reply.value("restored")
                + " classes restored" + ("0".equals(reply.value("failed")) ? "" : ", " + reply.value("failed") + " could not be")
                + (out == null || out.isEmpty() ? "; the last dump could not be written" : "; last dump " + out));
        return out == null || out.isEmpty() ? HotlineCli.EXIT_BAD_INPUT : 0;
    }
}
