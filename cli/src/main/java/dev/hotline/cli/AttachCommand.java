package dev.hotline.cli;

import dev.hotline.core.attach.ControlReply;
import dev.hotline.core.attach.ControlRequest;
import dev.hotline.core.options.AgentOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Attach to a running JVM, record, detach and print the report.", "",
            "Loads the agent into the running JVM PID: the classes already loaded that the flags select are",
            "instrumented, and those loaded later. Records for --duration (or until Ctrl-C), writes the dump,",
            "detaches (every class gets its original bytes back) and prints the report as record does.",
            "With --start it attaches and returns: then 'hotline dump PID' and 'hotline detach PID'.",
            "Only the user who runs the JVM can attach to it. JDK 21+ print a warning about a dynamically",
            "loaded agent unless the JVM runs with -XX:+EnableDynamicAgentLoading.",
            "",
            "Example: hotline attach 4242 --includes 'com.acme.*' --duration 30s"})
final class AttachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM to attach to (see hotline jvms).")
    long pid;

    @Option(names = "--start", description = "Attach and return, recording on; end with hotline detach PID.")
    boolean start;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to record, e.g. 30s or 5m (default: until Ctrl-C).")
    String duration;

    @Mixin
    RecordingFlags recording = new RecordingFlags();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Duration recordFor = duration == null ? null : AgentOptions.parseDuration(duration);
        if (duration != null && recordFor == null) {
            throw new ParameterException(spec.commandLine(), "--duration " + duration
                    + ": expected a duration such as 500ms, 10s, 5m or 1h (at least 10ms)");
        }
        AgentOptions options = recording.options();
        AgentChannel channel = new AgentChannel(pid);
        try {
            ControlReply started = channel.send(ControlRequest.Command.START, options.raw());
            if (!started.ok()) {
                return fail(started.message());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (start) {
                out.println("hotline attached to " + pid + "; dumps go to " + started.value("out"));
                out.println("  hotline dump " + pid + " [-o FILE]    a dump now, recording goes on");
                out.println("  hotline detach " + pid + " [-o FILE]  a last dump, then detach");
                return 0;
            }
            err.println("hotline attached to " + pid + "; recording "
                    + (recordFor == null ? "until Ctrl-C" : "for " + duration) + " ...");
            err.flush();
            if (!waitWhileRecording(channel, recordFor)) {
                return fail("the JVM " + pid + " exited while hotline was attached; its last dump is "
                        + started.value("out") + (Files.exists(Path.of(started.value("out"))) ? "" : " (not written)"));
            }
            ControlReply detached = channel.send(ControlRequest.Command.DETACH, "");
            if (!detached.ok() || detached.value("out") == null || detached.value("out").isEmpty()) {
                return fail(detached.message());
            }
            err.println("hotline detached from " + pid + " (" + detached.value("restored") + " classes restored)");
            err.flush();
            out.println();
            return recording.printReport(Path.of(detached.value("out")), options, spec);
        } catch (AgentChannel.Refused e) {
            return fail(e.getMessage());
        }
    }

    private int fail(String message) {
        return ControlCommands.fail(spec, message);
    }

    /**
     * Waits for {@code recordFor} (null: until Ctrl-C, which then ends the wait instead of this
     * command); false if the JVM exited meanwhile.
     */
    static boolean waitWhileRecording(AgentChannel channel, Duration recordFor) {
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiter = Thread.currentThread();
        Object previous = onInterrupt(() -> {
            interrupted.set(true);
            LockSupport.unpark(waiter);
        });
        try {
            long end = recordFor == null ? Long.MAX_VALUE : System.nanoTime() + recordFor.toNanos();
            while (!interrupted.get() && System.nanoTime() - end < 0) {
                if (!channel.alive()) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(100), Math.max(1, end - System.nanoTime())));
            }
            return channel.alive();
        } finally {
            restore(previous);
        }
    }

    /** Runs {@code action} on SIGINT instead of ending this JVM; returns the handler to put back. */
    static Object onInterrupt(Runnable action) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException | LinkageError e) {
            return null; // no SIGINT here, or no jdk.unsupported: Ctrl-C ends the command, the agent stays
        }
    }

    static void restore(Object previous) {
        if (previous instanceof sun.misc.SignalHandler handler) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            } catch (IllegalArgumentException | LinkageError e) {
                // leave it
            }
        }
    }
}
