package dev.hotline.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print the method table of a dump, like cProfile's pstats:",
            "ncalls, tottime (self), percall, cumtime (inclusive), percall, p50, p99, max.",
            "Exit code 2 if the file is missing or not a readable dump."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DUMP", description = "A dump written by the agent (hotline-<pid>.hotline).")
    Path dump;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (output == null) {
            return report.print(dump, spec.commandLine().getOut(), err);
        }
        try (PrintWriter out = ReportOptions.fileWriter(output)) {
            return report.print(dump, out, err);
        }
    }
}
