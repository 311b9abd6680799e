package dev.hotline.core.attach;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * One command to an agent in a running JVM, sent as the argument of a dynamically loaded agent
 * ({@code agentmain}), as async-profiler's are: {@code command=start|dump|detach|status},
 * {@code reply=PATH} (the file the agent writes its {@link ControlReply} to: made by the command
 * line in a directory only its user can enter), and, for {@code start}, the agent options; for
 * {@code dump} and {@code detach} an optional {@code out=FILE}. No port, no file others can write.
 * An argument without {@code command=} is a plain option string: {@code start} with those options
 * (what {@code VirtualMachine.loadAgent(jar, options)} gives).
 */
public record ControlRequest(Command command, Path reply, String options) {

    /** What the agent is asked to do. */
    public enum Command {
        /** Start a session with the options (attach). */
        START,
        /** Write a dump now; the session goes on. */
        DUMP,
        /** Write a last dump, then stop the session, restoring the original classes. */
        DETACH,
        /** Say whether a session runs and with which options. */
        STATUS;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String COMMAND = "command";
    static final String REPLY = "reply";

    /** The agent argument for this request. */
    public String argument() {
        StringJoiner joiner = new StringJoiner(",");
        joiner.add(COMMAND + "=" + command.key());
        joiner.add(REPLY + "=" + reply.toAbsolutePath());
        if (options != null && !options.isEmpty()) {
            joiner.add(options);
        }
        return joiner.toString();
    }

    /** Reads an agent argument; never throws (an unknown command is reported by the caller as a problem). */
    public static ControlRequest parse(String argument) {
        String raw = argument == null ? "" : argument.trim();
        Command command = null;
        Path reply = null;
        String unknown = null;
        StringJoiner rest = new StringJoiner(",");
        for (String pair : raw.isEmpty() ? new String[0] : raw.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COMMAND + "=")) {
                String value = trimmed.substring(COMMAND.length() + 1).trim();
                command = switch (value) {
                    case "start" -> Command.START;
                    case "dump" -> Command.DUMP;
                    case "detach" -> Command.DETACH;
                    case "status" -> Command.STATUS;
                    default -> null;
                };
                unknown = command == null ? value : null;
            } else if (trimmed.startsWith(REPLY + "=")) {
                reply = Paths.get(trimmed.substring(REPLY.length() + 1).trim());
            } else {
                rest.add(pair);
            }
        }
        if (command == null && unknown == null) {
            command = Command.START; // a plain option string
        }
        return new ControlRequest(command, reply, unknown != null ? "unknown command " + unknown : rest.toString());
    }

    /** Whether {@link #parse} met a command it does not know ({@link #options} then says which). */
    public boolean unknownCommand() {
        return command == null;
    }

    /** The {@code out=} of a dump or detach request, or null. */
    public Path out() {
        for (String pair : options.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith("out=") && trimmed.length() > 4) {
                return Paths.get(trimmed.substring(4).trim());
            }
        }
        return null;
    }
}
