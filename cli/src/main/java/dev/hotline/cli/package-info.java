/**
 * The {@code hotline} command line: {@link dev.hotline.cli.HotlineCli} builds the picocli command
 * tree, one small class per command ({@code ReportCommand}, {@code RecordCommand},
 * {@code DemoCommand}, ...), each a {@code Callable} returning the exit code, with the shared flags as
 * mixins ({@code AgentFlags}, {@code AgentRunFlags}, {@code ReportOptions}).
 *
 * <p>Everything a command does beyond parsing its arguments lives in {@code core} (dump reader and
 * writer, renderers, comparison, bytecode listing), so an embedder depends on {@code core} alone and
 * never on picocli. The entry point {@code dev.hotline.agent.Main} lives in the agent jar, which
 * carries this package, relocated picocli included; the jar the CLI runs from is therefore the agent
 * jar ({@code AgentJar}).
 */
package dev.hotline.cli;
