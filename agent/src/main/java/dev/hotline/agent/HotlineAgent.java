package dev.hotline.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code Premain-Class} and {@code Agent-Class}. {@code premain} puts the runtime on the
 * bootstrap class path first, before any class here touches {@code dev.hotline.runtime}, then
 * starts an {@link AgentSession}; {@code agentmain} hands its argument, a control request, to
 * {@link AgentControl}. Nothing it does may stop the application: every failure becomes one line
 * on stderr.
 */
public final class HotlineAgent {

    private HotlineAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        try {
            AgentControl.startAtLaunch(options, instrumentation);
        } catch (Throwable t) {
            String message = "the agent did not start; the application runs without it: " + t;
            try {
                org.slf4j.LoggerFactory.getLogger(HotlineAgent.class).error(message);
            } catch (Throwable logging) {
                System.err.println("[hotline] ERROR " + message);
            }
        }
    }

    /** A request of the control protocol (attach, dump, detach, status); see {@link AgentControl}. */
    public static void agentmain(String argument, Instrumentation instrumentation) {
        AgentControl.handle(argument, instrumentation);
    }
}
