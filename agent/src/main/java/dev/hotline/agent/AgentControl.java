package dev.hotline.agent;

import dev.hotline.core.attach.ControlReply;
import dev.hotline.core.attach.ControlRequest;
import dev.hotline.core.attach.StatusFiles;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the control protocol ({@link ControlRequest}): holds the JVM's one
 * {@link AgentSession} (started by {@code premain} or by an attach) and answers {@code start},
 * {@code dump}, {@code detach} and {@code status} by writing a {@link ControlReply} to the file the
 * request names. The agent's classes stay loaded in the system class loader after a detach, so the
 * next attach finds this class, and the session it left, as they were.
 *
 * <p>Thread-safety: every request synchronizes on the class (the JVM runs each {@code agentmain} on
 * its attach listener thread; the shutdown hook may stop the session meanwhile). Never throws.
 */
final class AgentControl {

    private static final Logger LOG = LoggerFactory.getLogger(AgentControl.class);

    private static AgentSession current; // null: no session
    private static String currentOptions;

    private AgentControl() {
    }

    /** {@code -javaagent}: starts the session the JVM runs from the start. */
    static synchronized void startAtLaunch(String options, Instrumentation instrumentation) throws Exception {
        BootstrapRuntime.inject(instrumentation);
        current = AgentSession.start(options, instrumentation, false);
        currentOptions = options == null ? "" : options;
        writeStatus();
    }

    /** {@code agentmain}: one request from {@code hotline attach}, {@code dump}, {@code detach} or {@code jvms}. */
    static synchronized void handle(String argument, Instrumentation instrumentation) {
        ControlRequest request = ControlRequest.parse(argument);
        ControlReply reply;
        try {
            reply = answer(request, instrumentation);
        } catch (Throwable t) {
            LOG.error("the {} request failed; the application runs on: {}", request.command(), t.toString());
            reply = ControlReply.error("the agent could not " + request.command() + ": " + t);
        }
        if (request.reply() == null) {
            return; // a plain option string: the log said what happened
        }
        try {
            reply.writeTo(request.reply());
        } catch (Throwable t) {
            LOG.warn("could not write the reply to {}: {}", request.reply(), t.toString());
        }
    }

    private static ControlReply answer(ControlRequest request, Instrumentation instrumentation) throws Exception {
        if (request.unknownCommand()) {
            return ControlReply.error(request.options());
        }
        if (current != null && current.stopped()) {
            forget(); // the JVM is exiting and its hook stopped the session
        }
        return switch (request.command()) {
            case START -> start(request.options(), instrumentation);
            case DUMP -> current == null ? notAttached() : dumped(current.dumpNow(request.out()), "dump written");
            case DETACH -> detach(request.out());
            case STATUS -> current == null ? ControlReply.ok("not attached")
                    : ControlReply.ok("attached", "options=" + currentOptions, "out=" + current.out().toAbsolutePath());
        };
    }

    private static ControlReply start(String options, Instrumentation instrumentation) throws Exception {
        if (current != null) {
            if (currentOptions.equals(options)) {
                return ControlReply.ok("already attached with these options", "out=" + current.out().toAbsolutePath());
            }
            return ControlReply.error("hotline is already attached to this JVM with other options ("
                    + (currentOptions.isEmpty() ? "the defaults" : currentOptions) + "): detach it first");
        }
        BootstrapRuntime.inject(instrumentation); // once per JVM: a re-attach finds the runtime there
        current = AgentSession.start(options, instrumentation, true);
        currentOptions = options;
        writeStatus();
        return ControlReply.ok("attached", "out=" + current.out().toAbsolutePath());
    }

    private static ControlReply detach(Path out) {
        if (current == null) {
            return notAttached();
        }
        AgentSession session = current;
        forget();
        Path written = session.dumpNow(out);
        AgentSession.Detached detached = session.detach();
        return ControlReply.ok(written == null ? "detached; the last dump could not be written (see the JVM's log)"
                        : "detached", "out=" + (written == null ? "" : written.toAbsolutePath()),
                "restored=" + detached.restored(), "failed=" + detached.failed());
    }

    private static ControlReply dumped(Path written, String message) {
        return written == null ? ControlReply.error("the dump could not be written (the JVM's log says why)")
                : ControlReply.ok(message, "out=" + written.toAbsolutePath());
    }

    private static ControlReply notAttached() {
        return ControlReply.error("hotline is not attached to this JVM");
    }

    private static void forget() {
        current = null;
        currentOptions = null;
        StatusFiles.delete(ProcessHandle.current().pid());
    }

    private static void writeStatus() {
        try {
            StatusFiles.write(ProcessHandle.current().pid(), currentOptions);
        } catch (Exception e) {
            LOG.debug("no status file for hotline jvms: {}", e.toString());
        }
    }
}
