package dev.hotline.maven;

import dev.hotline.core.options.AgentOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code -javaagent:JAR=OPTIONS} argument of {@code prepare-agent}, built from the goal's
 * parameters. Each value is checked as the agent checks it, so that a bad value stops the build
 * naming its parameter instead of being ignored with a warning in the test JVM; and since the agent
 * splits its options at every {@code ,}, no value may hold one: what the agent parses is then
 * exactly what was configured.
 */
final class AgentArgument {

    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * Adds {@code key=value}; a null value adds nothing.
     *
     * @param parameter the goal parameter the value comes from, for the message
     * @throws IllegalArgumentException if the agent would not take the value
     */
    AgentArgument option(String key, String parameter, String value) {
        if (value == null) {
            return this;
        }
        if (value.contains(",")) {
            throw new IllegalArgumentException(parameter + " '" + value
                    + "': ',' separates agent options; separate patterns with ':' or give one per element");
        }
        String invalid = AgentOptions.invalid(key, value);
        if (invalid != null) {
            throw new IllegalArgumentException(parameter + " " + value + ": " + invalid);
        }
        options.put(key, value);
        return this;
    }

    /** Adds patterns given one per list element, as {@code key=a:b}; null or empty adds nothing. */
    AgentArgument patterns(String key, String parameter, List<String> patterns) {
        if (patterns == null) {
            return this;
        }
        String joined = patterns.stream().map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.joining(":"));
        return joined.isEmpty() ? this : option(key, parameter, joined);
    }

    /** The option string after {@code =}, in the order the options were added. */
    String options() {
        AgentOptions parsed = AgentOptions.of(options);
        if (!parsed.problems().isEmpty()) {
            throw new IllegalArgumentException(parsed.problems().get(0));
        }
        return parsed.raw();
    }

    /**
     * The JVM argument, in double quotes if it holds white space (Surefire splits {@code argLine}
     * at white space outside quotes).
     */
    String toArgument(Path agentJar) {
        String raw = options();
        String argument = "-javaagent:" + agentJar + (raw.isEmpty() ? "" : "=" + raw);
        if (argument.chars().noneMatch(Character::isWhitespace)) {
            return argument;
        }
        if (argument.indexOf('"') >= 0) {
            throw new IllegalArgumentException("cannot quote " + argument + " for a command line: it holds both white space and '\"'");
        }
        return '"' + argument + '"';
    }
}
