package dev.hotline.agent.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Where the agent's log lines go and which of them: {@code [hotline] LEVEL message}, WARN and above
 * by default ({@code log=}), on the JVM's stderr or appended to the file of {@code logfile=}. The
 * one destination of every {@link AgentLogger}; {@code AgentSession} configures it from the options.
 *
 * <p>Thread-safety: configuration and writes synchronize on the class; a line is written whole.
 * Never throws: a file that cannot be written sends the lines to stderr, with one line saying so.
 */
public final class LogSink {

    /** The levels of the {@code log=} option, most severe first; SLF4J's TRACE logs as DEBUG would, never by default. */
    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    private static volatile Level threshold = Level.WARN;
    private static PrintStream file; // null: stderr
    private static Path filePath;

    private LogSink() {
    }

    /** Sets the threshold ({@code error}, {@code warn}, {@code info} or {@code debug}). */
    public static void setLevel(String level) {
        threshold = Level.valueOf(level.toUpperCase(Locale.ROOT));
    }

    /**
     * Appends the lines to {@code path} from now on (null: stderr again). A file the agent creates
     * is readable by its owner only, like the dump. If it cannot be opened, the lines stay on
     * stderr and one WARN line says why.
     */
    public static synchronized void logTo(Path path) {
        closeFile();
        if (path == null) {
            return;
        }
        try {
            boolean existed = Files.exists(path);
            // java.io, not Files.newOutputStream: a file channel makes JDK 17 open a socket pair in the host
            PrintStream out = new PrintStream(new FileOutputStream(path.toFile(), true), true, StandardCharsets.UTF_8);
            if (!existed && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
            file = out;
            filePath = path;
        } catch (IOException | RuntimeException e) {
            write(Level.WARN, "cannot write the log to " + path.toAbsolutePath() + " (" + e + "); logging to stderr");
        }
    }

    /** The file the lines go to, or null for stderr. */
    public static synchronized Path file() {
        return filePath;
    }

    /** Back to stderr (what detaching does: the session's file is closed). */
    public static synchronized void closeFile() {
        if (file != null) {
            file.close();
            file = null;
            filePath = null;
        }
    }

    static boolean enabled(Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    static synchronized void write(Level level, String message) {
        // TRACE is printed as DEBUG: the option has no trace level, and it only shows with log=debug
        String line = "[hotline] " + (level == Level.TRACE ? Level.DEBUG : level) + " " + message;
        PrintStream out = file != null ? file : System.err; // read each time: the host may redirect System.err
        out.println(line);
        if (out.checkError() && out == file) {
            closeFile();
            System.err.println(line);
            System.err.println("[hotline] WARN the log file could not be written; logging to stderr");
        }
    }
}
