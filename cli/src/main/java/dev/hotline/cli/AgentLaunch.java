package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command with the agent attached and waits for it. A {@code java} command gets a
 * {@code -javaagent:} argument right after the executable; any other command (a script, a build
 * tool) gets it through {@code JAVA_TOOL_OPTIONS}, which every JVM it starts picks up.
 */
final class AgentLaunch {

    private final Path agentJar;
    private final AgentOptions options;

    AgentLaunch(Path agentJar, AgentOptions options) {
        this.agentJar = agentJar;
        this.options = options;
    }

    String agentArgument() {
        return "-javaagent:" + agentJar + (options.raw().isEmpty() ? "" : "=" + options.raw());
    }

    static boolean isJava(String executable) {
        String name = Path.of(executable).getFileName().toString();
        return name.equals("java") || name.equals("java.exe");
    }

    /** Starts {@code command} with the agent, output going to this process's streams. */
    Process start(List<String> command) throws IOException {
        return builder(command).start();
    }

    /** {@code command} with the agent, its streams this process's (a caller may redirect them). */
    ProcessBuilder builder(List<String> command) {
        List<String> argv = new ArrayList<>(command);
        ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
        if (isJava(argv.get(0))) {
            argv.add(1, agentArgument());
        } else {
            String existing = System.getenv("JAVA_TOOL_OPTIONS");
            builder.environment().put("JAVA_TOOL_OPTIONS",
                    (existing == null || existing.isBlank() ? "" : existing + " ") + agentArgument());
        }
        builder.command(argv);
        return builder;
    }

    /**
     * Waits for the process. Ctrl-C reaches both processes (one process group); this one ignores
     * SIGINT while it waits, so the child ends, writes its dump, and the report still prints.
     */
    static int waitFor(Process process) {
        Object previous = ignoreInterruptSignal();
        try {
            return waitUninterruptibly(process);
        } finally {
            restoreInterruptSignal(previous);
        }
    }

    private static Object ignoreInterruptSignal() {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
        } catch (IllegalArgumentException | LinkageError e) {
            return null; // no SIGINT on this platform, or jdk.unsupported absent: default behaviour
        }
    }

    private static void restoreInterruptSignal(Object previous) {
        if (previous instanceof sun.misc.SignalHandler handler) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            } catch (IllegalArgumentException | LinkageError e) {
                // leave it
            }
        }
    }

    private static int waitUninterruptibly(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child is finishing and writing its dump
            }
        }
    }
}
