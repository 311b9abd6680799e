/**
 * The agent: {@link dev.hotline.agent.HotlineAgent} ({@code premain}/{@code agentmain}) puts the
 * runtime on the bootstrap class path ({@link dev.hotline.agent.BootstrapRuntime}) and starts an
 * {@link dev.hotline.agent.AgentSession}, which owns everything the agent adds to the JVM (the
 * {@link dev.hotline.agent.ProbeTransformer}, the sweeper and flush threads, the shutdown hook that
 * writes the dump) and can take it all down again. {@link dev.hotline.agent.Main} is the jar's
 * command-line entry point into the CLI ({@code dev.hotline.cli}).
 *
 * <p>Nothing here may stop or disturb the application: failures become lines on stderr
 * (SLF4J, through {@link dev.hotline.agent.logging.AgentLogProvider}), never exceptions into the JVM.
 */
package dev.hotline.agent;
