package dev.hotline.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds and runs the {@code hotline} command line; {@code Main} in the agent jar calls this. */
public final class HotlineCli {

    /** Exit code for unusable input (a bad dump, a missing file, a bad argument). */
    public static final int EXIT_BAD_INPUT = 2;

    private HotlineCli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HotlineCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Anything a command did not handle: one line, not a stack trace.
            commandLine.getErr().println("hotline " + commandLine.getCommandName() + ": " + describe(e));
            commandLine.getErr().flush();
            return EXIT_BAD_INPUT;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println((failed.getParent() == null ? "hotline" : "hotline " + failed.getCommandName())
                    + ": " + e.getMessage());
            failed.getErr().println("Try 'hotline " + (failed.getParent() == null ? "" : failed.getCommandName() + " ") + "--help'.");
            failed.getErr().flush();
            return EXIT_BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
