package dev.hotline.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** What the commands that talk to a running agent share: one line on stderr and status 2 for a failure. */
final class ControlCommands {

    private ControlCommands() {
    }

    static int fail(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("hotline " + spec.name() + ": " + message);
        err.flush();
        return HotlineCli.EXIT_BAD_INPUT;
    }
}
