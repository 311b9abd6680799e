package dev.hotline.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM command line held in one property, such as Surefire's {@code argLine}, read the way
 * Surefire reads it: arguments separated by white space, double or single quotes keeping white
 * space inside one argument.
 */
final class ArgLine {

    private ArgLine() {
    }

    /**
     * {@code existing} (null or blank: none) with {@code agentArgument} after it. An earlier
     * {@code -javaagent:} of the same jar (an earlier {@code prepare-agent} execution) is taken
     * out, so that the agent is never loaded twice; every other argument is kept as written.
     */
    static String withAgent(String existing, String agentArgument, Path agentJar) {
        List<String> kept = new ArrayList<>();
        String previous = "-javaagent:" + agentJar;
        for (String argument : split(existing == null ? "" : existing)) {
            String unquoted = argument.replace("\"", "").replace("'", "");
            boolean sameAgent = unquoted.equals(previous) || unquoted.startsWith(previous + "=");
            if (!sameAgent) {
                kept.add(argument);
            }
        }
        kept.add(agentArgument);
        return String.join(" ", kept);
    }

    /** The arguments of a command line, each as written (its quotes kept). */
    static List<String> split(String line) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    arguments.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            current.append(c);
        }
        if (current.length() > 0) {
            arguments.add(current.toString());
        }
        return arguments;
    }
}
