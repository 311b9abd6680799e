package dev.hotline.agent.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's SLF4J logger: formats the message and hands it to {@link LogSink} as one line. A
 * throwable that no {@code {}} of the message consumed is appended as {@code : throwable}; its stack
 * trace follows only at DEBUG, so a failure stays one clear line by default. The logger's name is
 * not printed: the agent's lines all say {@code [hotline]}.
 */
final class AgentLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    AgentLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogSink.enabled(LogSink.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSink.enabled(LogSink.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSink.enabled(LogSink.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSink.enabled(LogSink.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogSink.enabled(LogSink.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        LogSink.Level sinkLevel = LogSink.Level.valueOf(level.name());
        Object[] args = arguments == null ? new Object[0] : arguments;
        String message;
        if (throwable != null && placeholders(pattern) > args.length) {
            // "could not write {}: {}", path, e: SLF4J took e as the throwable; it fills the placeholder
            Object[] withThrowable = java.util.Arrays.copyOf(args, args.length + 1);
            withThrowable[args.length] = throwable;
            message = MessageFormatter.basicArrayFormat(pattern, withThrowable);
        } else {
            message = MessageFormatter.basicArrayFormat(pattern, args);
            if (throwable != null) {
                message += ": " + throwable;
            }
        }
        if (throwable != null && LogSink.enabled(LogSink.Level.DEBUG)) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            message += System.lineSeparator() + trace.toString().stripTrailing();
        }
        LogSink.write(sinkLevel, message);
    }

    private static int placeholders(String pattern) {
        int count = 0;
        for (int i = pattern == null ? -1 : pattern.indexOf("{}"); i >= 0; i = pattern.indexOf("{}", i + 2)) {
            count++;
        }
        return count;
    }
}
