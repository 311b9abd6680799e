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
        int code = onLargeStack(cli, args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The reports, the merge and the writer walk a dump's call tree recursively, one frame per
     * level, and a recursive program's tree is as deep as its recursion went (tens of thousands of
     * levels are plain Java): the command runs on a thread with a stack of {@value #STACK_BYTES}
     * bytes, address space reserved, not memory used. Beyond that, or with too little heap, one
     * line instead of a stack trace.
     */
    private static int onLargeStack(CommandLine cli, String[] args) {
        int[] code = {EXIT_BAD_INPUT};
        Throwable[] error = {null};
        Thread command = new Thread(null, () -> {
            try {
                code[0] = cli.execute(args);
            } catch (StackOverflowError | OutOfMemoryError e) {
                error[0] = e;
            }
        }, "hotline", STACK_BYTES);
        command.start();
        try {
            command.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_BAD_INPUT;
        }
        if (error[0] != null) {
            cli.getErr().println("hotline: " + (error[0] instanceof StackOverflowError
                    ? "the dump's call tree is too deep to process (StackOverflowError)"
                    : "out of memory (raise the heap with JAVA_TOOL_OPTIONS=-Xmx...)"));
            return EXIT_BAD_INPUT;
        }
        return code[0];
    }

    private static final long STACK_BYTES = 1L << 30;

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
