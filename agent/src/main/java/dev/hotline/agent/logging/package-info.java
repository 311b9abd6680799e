/**
 * The agent's logging: the SLF4J 2 API (relocated in the agent jar) with a provider of its own,
 * {@link dev.hotline.agent.logging.AgentLogProvider}, writing {@code [hotline] LEVEL message} lines
 * to stderr or to the {@code logfile=} file ({@link dev.hotline.agent.logging.LogSink}).
 */
package dev.hotline.agent.logging;
