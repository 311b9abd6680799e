package dev.hotline.agent;

import java.util.Locale;

/**
 * The agent's log: {@code [hotline] LEVEL message} lines on stderr, WARN and above by default
 * ({@code log=} option). Never used on a probe's hot path, never routed through the application's
 * logging. Deliberately not SLF4J: a provider found by ServiceLoader could come from the host's
 * class path, and nothing the agent bundles logs through SLF4J.
 */
final class Log {

    enum Level { ERROR, WARN, INFO, DEBUG }

    private static volatile Level threshold = Level.WARN;

    private Log() {
    }

    static void setLevel(String level) {
        threshold = Level.valueOf(level.toUpperCase(Locale.ROOT));
    }

    static boolean enabled(Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    static void error(String message) {
        log(Level.ERROR, message);
    }

    static void warn(String message) {
        log(Level.WARN, message);
    }

    static void info(String message) {
        log(Level.INFO, message);
    }

    static void debug(String message) {
        log(Level.DEBUG, message);
    }

    private static void log(Level level, String message) {
        if (enabled(level)) {
            System.err.println("[hotline] " + level + " " + message);
        }
    }
}
