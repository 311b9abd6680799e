package dev.hotline.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code Premain-Class} and {@code Agent-Class}. Puts the runtime on the bootstrap class path
 * first, before any class here touches {@code dev.hotline.runtime}, then starts an
 * {@link AgentSession}. Nothing it does may stop the application: every failure becomes one line
 * on stderr.
 */
public final class HotlineAgent {

    private HotlineAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    private static void start(String options, Instrumentation instrumentation, boolean attached) {
        try {
            BootstrapRuntime.inject(instrumentation);
            AgentSession.start(options, instrumentation, attached);
        } catch (Throwable t) {
            String message = "the agent did not start; the application runs without it: " + t;
            try {
                org.slf4j.LoggerFactory.getLogger(HotlineAgent.class).error(message);
            } catch (Throwable logging) {
                System.err.println("[hotline] ERROR " + message);
            }
        }
    }
}
