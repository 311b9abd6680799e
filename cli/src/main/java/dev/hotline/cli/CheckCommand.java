package dev.hotline.cli;

import dev.hotline.core.compare.MethodChange;
import dev.hotline.core.compare.Metric;
import dev.hotline.core.compare.ProfileComparison;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.profile.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        Map<Metric, Double> maxima = new LinkedHashMap<>();
        for (String limit : limits) {
            String[] parts = limit.split("=");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                maxima.put(Metric.parse(parts[0]), Double.parseDouble(parts[1].replace("%", "").trim()) / 100);
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
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (MethodChange change : ProfileComparison.methods(b, c)) {
            if (change.before() == null || change.after() == null
                    || change.before().calls() < minCalls || change.after().calls() < minCalls
                    || (selection != null && !selection.selects(change.method().className(), change.method().name()))) {
                continue;
            }
            checked++;
            for (Map.Entry<Metric, Double> limit : maxima.entrySet()) {
                Metric metric = limit.getKey();
                double relative = change.relative(metric);
                boolean beyondNoise = metric == Metric.MAX || change.significant(metric);
                if (relative > limit.getValue() && beyondNoise) {
                    failures.add(String.format(Locale.ROOT, "%s: %s %s -> %s (%+.0f%%, limit +%.0f%%)",
                            change.method().displayName(), metric.label(),
                            metric.format(metric.of(change.before())), metric.format(metric.of(change.after())),
                            100 * relative, 100 * limit.getValue()));
                }
            }
        }
        if (checked == 0) {
            err.println("hotline check: no method with at least " + minCalls + " calls in both dumps matches; nothing was checked");
            return HotlineCli.EXIT_BAD_INPUT;
        }
        if (failures.isEmpty()) {
            out.println("OK: " + checked + " methods within " + describe(maxima));
            out.flush();
            return 0;
        }
        out.println("FAILED: " + failures.size() + " regressions beyond " + describe(maxima) + " (" + checked + " methods checked)");
        failures.forEach(f -> out.println("  " + f));
        out.flush();
        return 1;
    }

    private static String describe(Map<Metric, Double> maxima) {
        List<String> parts = new ArrayList<>();
        maxima.forEach((m, v) -> parts.add(m.label() + " +" + Math.round(100 * v) + "%"));
        return String.join(", ", parts);
    }
}
