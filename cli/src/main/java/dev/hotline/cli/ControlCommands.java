package dev.hotline.cli;

import dev.hotline.core.attach.ControlReply;
import dev.hotline.core.attach.ControlRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** What the commands that talk to a running agent share: one line on stderr and status 2 for a failure. */
final class ControlCommands {

    private ControlCommands() {
    }

    /**
     * Sends {@code command} (with the dump at {@code output}, or the session's) to the agent in
     * {@code pid}; its reply, or null once a refusal or an error reply has been printed (status 2).
     */
    static ControlReply request(CommandSpec spec, long pid, ControlRequest.Command command, Path output) {
        try {
            ControlReply reply = new AgentChannel(pid).send(command, outOption(output));
            if (reply.ok()) {
                return reply;
            }
            fail(spec, reply.message());
        } catch (AgentChannel.Refused e) {
            fail(spec, e.getMessage());
        }
        return null;
    }

    /** {@code out=FILE} for the request, absolute (the JVM has its own working directory); "" for none. */
    static String outOption(Path output) {
        return output == null ? "" : "out=" + output.toAbsolutePath();
    }

    static int fail(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("hotline " + spec.name() + ": " + message);
        err.flush();
        return HotlineCli.EXIT_BAD_INPUT;
    }
}
