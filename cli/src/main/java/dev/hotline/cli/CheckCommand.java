package dev.hotline.cli;

import dev.hotline.core.compare.Metric;
import dev.hotline.core.compare.RegressionCheck;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.profile.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Exit 1 when a method regressed beyond a limit: a performance gate for CI.", "", "A performance gate for CI: exit 1 and list every method whose metric grew by more than",
            "its limit, and beyond what the recorded spread explains; exit 0 otherwise.",
            "",
            "Example: hotline check baseline.hotline current.hotline --max-regression p99=10%% --method 'com.acme.*'"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT")
    Path current;

    @Option(names = "--max-regression", required = true, paramLabel = "METRIC=PERCENT",
            description = "A limit, e.g. p99=10%% (repeatable). Metrics: calls, p50, p90, p99, max, mean, total, self.")
    List<String> limits;

    @Option(names = "--method", paramLabel = "PATTERN",
            description = "Check only these methods: class patterns or 'Class#method' (repeatable; default all).")
    List<String> methods;

    @Option(names = "--min-calls", defaultValue = "20", paramLabel = "N",
            description = "Skip methods with fewer calls in either dump: too few to judge (default: ${DEFAULT-VALUE}).")
    long minCalls;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<Metric, RegressionCheck.Limit> maxima = new LinkedHashMap<>();
        for (String limit : limits) {
            try {
                RegressionCheck.Limit parsed = RegressionCheck.Limit.parse(limit);
                maxima.put(parsed.metric(), parsed);
            } catch (IllegalArgumentException e) {
                err.println("hotline check: bad --max-regression '" + limit + "': expected METRIC=PERCENT such as p99=10%");
                return HotlineCli.EXIT_BAD_INPUT;
            }
        }
        MethodSelection selection = methods == null ? null : MethodSelection.parse(String.join(":", methods));
        Profile b = DumpFile.read(baseline, err);
        Profile c = b == null ? null : DumpFile.read(current, err);
        if (c == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        RegressionCheck.Result result = new RegressionCheck(List.copyOf(maxima.values()), selection, minCalls).run(b, c);
        if (result.nothingChecked()) {
            err.println("hotline check: " + result.summary());
            return HotlineCli.EXIT_BAD_INPUT;
        }
        out.println(result.summary());
        result.regressions().forEach(r -> out.println("  " + r.describe()));
        out.flush();
        return result.passed() ? 0 : 1;
    }
}
