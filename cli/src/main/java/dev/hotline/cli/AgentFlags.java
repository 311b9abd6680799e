package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The agent options that choose what gets which probes, as flags of the same names: a picocli
 * mixin of every command that instruments ({@code bytecode} uses these alone; {@code record} and
 * {@code demo} use {@link AgentRunFlags}, which adds how the agent runs). A bare {@code --lines},
 * {@code --linehits} or {@code --alloc} means the command's own classes (see {@link #options}).
 */
class AgentFlags {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--includes", paramLabel = "PATTERNS",
            description = "Classes whose methods get timers, e.g. 'com.acme.*:org.example.Foo' (agent option includes=).")
    String includes;

    @Option(names = "--excludes", paramLabel = "PATTERNS", description = "Classes left alone even if --includes matches (excludes=).")
    String excludes;

    @Option(names = "--lines", arity = "0..1", paramLabel = "METHODS",
            description = "Methods that also get line probes: class patterns or 'Class#method', ':'-separated (lines=).")
    String lines;

    @Option(names = "--linehits", arity = "0..1", paramLabel = "METHODS",
            description = "Methods whose lines are counted without times, no clock read per line (linehits=).")
    String lineHits;

    @Option(names = "--alloc", arity = "0..1", paramLabel = "METHODS",
            description = "Methods whose allocation sites get counters (alloc=).")
    String alloc;

    /**
     * The agent options these flags give.
     *
     * @param own             what a bare {@code --lines}, {@code --linehits} or {@code --alloc} selects
     *                        (the demo's classes, the class {@code bytecode} shows); null: such a flag needs METHODS
     * @param defaultIncludes {@code includes=} when {@code --includes} is not given; null: the agent's default
     */
    AgentOptions options(String own, String defaultIncludes) {
        return validated(selection(own, defaultIncludes));
    }

    /** The selection's agent options in the order a {@code -javaagent:} argument lists them. */
    final Map<String, String> selection(String own, String defaultIncludes) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(AgentOptions.INCLUDES, checked(AgentOptions.INCLUDES, includes != null ? includes : defaultIncludes));
        values.put(AgentOptions.EXCLUDES, checked(AgentOptions.EXCLUDES, excludes));
        values.put(AgentOptions.LINES, methods(AgentOptions.LINES, lines, own));
        values.put(AgentOptions.ALLOC, methods(AgentOptions.ALLOC, alloc, own));
        values.put(AgentOptions.LINE_HITS, methods(AgentOptions.LINE_HITS, lineHits, own));
        return values;
    }

    /**
     * The value of the flag {@code --KEY} (null if not given), checked as the agent checks it, so
     * that a bad value stops the command with a line naming the flag instead of a warning in the
     * recorded JVM.
     */
    final String checked(String key, String value) {
        return checked("--" + key, key, value);
    }

    final String checked(String flag, String key, String value) {
        if (value == null) {
            return null;
        }
        if (value.contains(",")) {
            throw new ParameterException(command.commandLine(),
                    flag + " '" + value + "': separate patterns with ':' (',' separates agent options)");
        }
        String invalid = AgentOptions.invalid(key, value);
        if (invalid != null) {
            throw new ParameterException(command.commandLine(), flag + " " + value + ": " + invalid);
        }
        return value;
    }

    /** A method-selecting flag: given without METHODS (picocli gives ""), it means {@code own}. */
    private String methods(String key, String value, String own) {
        if (value == null || !value.isEmpty()) {
            return checked(key, value);
        }
        if (own == null) {
            throw new ParameterException(command.commandLine(),
                    "--" + key + " needs METHODS, or --includes, whose classes a bare --" + key + " then means");
        }
        return checked(key, own);
    }

    /** The options of {@code values}; a problem the checks above let through is a bad argument too. */
    final AgentOptions validated(Map<String, String> values) {
        AgentOptions options = AgentOptions.of(values);
        if (!options.problems().isEmpty()) {
            throw new ParameterException(command.commandLine(), options.problems().get(0));
        }
        return options;
    }
}
