package dev.hotline.cli;

import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.report.SourceLookup;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code record} and {@code attach} share: where the dump goes, the agent's flags, and the
 * report printed when the recording ends (its options and where the line contents come from).
 */
final class RecordingFlags {

    @Option(names = {"-o", "--output"}, defaultValue = AgentOptions.DEFAULT_OUT, paramLabel = "FILE",
            description = "Dump path; %%p is the pid (default: hotline-%%p.hotline in this directory).")
    Path output;

    @Mixin
    AgentRunFlags agent = new AgentRunFlags();

    @Option(names = "--source-path", paramLabel = "PATH",
            description = "Directories and -sources.jar files for the line contents, ':'-separated.")
    String sourcePath;

    @Mixin
    ReportOptions report = new ReportOptions();

    /** The agent options these flags give. */
    AgentOptions options() {
        return agent.options(agent.includes, null, output);
    }

    /** Prints the report of {@code dump}, written by a recording with {@code options}; returns the exit code. */
    int printReport(Path dump, AgentOptions options, CommandSpec spec) {
        return report.write(dump, report.afterRun(SourceLookup.of(sourcePath), options), null, spec);
    }
}
