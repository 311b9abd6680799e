package dev.hotline.cli;

import dev.hotline.core.compare.DiffFlameGraphPage;
import dev.hotline.core.compare.MethodChange;
import dev.hotline.core.compare.Metric;
import dev.hotline.core.compare.ProfileComparison;
import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.report.LineReport;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.Durations;
import dev.hotline.core.report.TextTable;
import dev.hotline.core.report.ProfileRenderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
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

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two dumps per method, worst p99 regressions first; or draw a differential flame graph.", "",
            "Compare two dumps per method: calls, p50, p99, total and self time",
            "before -> after, worst p99 regressions first. '~' marks a change within what",
            "the recorded spread explains (95%% confidence intervals of the percentiles",
            "overlap); allocation sites whose counts changed follow.",
            "",
            "--format html: one self-contained page with a differential flame graph: the",
            "second run's exact call tree (widths its inclusive times), each frame coloured",
            "by the change of its time per call against the same path in the first run:",
            "red slower and blue faster beyond noise (diff's test of the mean), grey within",
            "noise, pale with fewer than 20 calls, violet for new paths; hover for both",
            "runs' values. Then the largest changes beyond noise and the paths gone.",
            "Example:",
            "  hotline diff before.hotline after.hotline --format html -o diff.html"})
final class DiffCommand implements Callable<Integer> {

    /** What diff writes. */
    enum DiffFormat { TEXT, HTML }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER")
    Path after;

    @Option(names = "--top", defaultValue = "25", paramLabel = "N", description = "Show N methods; 0 shows all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (the per-method table) or html (the differential flame graph page) (default: ${DEFAULT-VALUE}).")
    DiffFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    /** Below this many calls on either side a percentile change is not judged ("?"). */
    static final int MIN_CALLS = MethodChange.MIN_CALLS;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Profile b = DumpFile.read(before, err);
        Profile a = b == null ? null : DumpFile.read(after, err);
        if (a == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        if (format == DiffFormat.HTML || output != null) {
            return writeTo(b, a);
        }
        table(b, a, out);
        return 0;
    }

    /** The chosen format into {@code -o FILE}, or standard output. */
    private int writeTo(Profile b, Profile a) {
        PrintWriter err = spec.commandLine().getErr();
        try (OutputStream file = output == null ? new WriterOutputStream(spec.commandLine().getOut())
                : new BufferedOutputStream(Files.newOutputStream(output))) {
            if (format == DiffFormat.HTML) {
                DiffFlameGraphPage.render(b, before.toString(), a, after.toString(), file);
            } else {
                PrintWriter text = ProfileRenderer.text(file);
                table(b, a, text);
                text.flush();
            }
        } catch (IOException e) {
            err.println("hotline diff: cannot write " + (output == null ? "the diff" : output) + ": " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        if (output != null) {
            spec.commandLine().getOut().println("wrote " + output + " (" + format.name().toLowerCase(Locale.ROOT) + ")");
        }
        return 0;
    }

    private void table(Profile b, Profile a, PrintWriter out) {
        List<MethodChange> changes = ProfileComparison.methods(b, a);
        out.println("hotline diff " + before + " -> " + after);
        out.println("  ~ = within noise (the 95% confidence intervals overlap); + / - = beyond it;"
                + " ? = fewer than " + MIN_CALLS + " calls, not judged");
        out.println();
        TextTable table = new TextTable().row("calls", "p50", "", "p99", "", "total", "self", "method");
        int shown = top > 0 ? Math.min(top, changes.size()) : changes.size();
        for (MethodChange c : changes.subList(0, shown)) {
            table.row(pair(c, Metric.CALLS), pair(c, Metric.P50), change(c, Metric.P50), pair(c, Metric.P99), change(c, Metric.P99),
                    pair(c, Metric.TOTAL), pair(c, Metric.SELF), c.method().displayName());
        }
        table.print(out);
        if (shown < changes.size()) {
            out.println("(" + (changes.size() - shown) + " more methods; --top 0 shows all)");
        }
        lines(b, a, out);
        allocations(b, a, out);
        out.flush();
    }

    private static String pair(MethodChange c, Metric metric) {
        String b = c.before() == null ? "-" : metric.format(metric.of(c.before()));
        String a = c.after() == null ? "-" : metric.format(metric.of(c.after()));
        return b + " -> " + a;
    }

    private static String change(MethodChange c, Metric metric) {
        if (c.before() == null) {
            return "new";
        }
        if (c.after() == null) {
            return "gone";
        }
        double relative = c.relative(metric);
        boolean tooFew = c.before().calls() < MIN_CALLS || c.after().calls() < MIN_CALLS;
        String mark = tooFew ? "?" : !c.significant(metric) ? "~" : relative > 0 ? "+" : relative < 0 ? "-" : "=";
        String percent = Double.isInfinite(relative) ? "inf" : String.format(Locale.ROOT, "%+.0f%%", 100 * relative);
        return mark + " " + percent;
    }

    /** Lines recorded in both runs whose hits or time per hit changed beyond noise. */
    private static void lines(Profile b, Profile a, PrintWriter out) {
        Map<LineRef, LineProfile> before = new LinkedHashMap<>();
        b.lines().forEach(l -> before.put(l.line(), l));
        List<String> changed = new ArrayList<>();
        for (LineProfile after : LineReport.inSourceOrder(a.lines())) {
            LineProfile was = before.get(after.line());
            if (was == null) {
                continue;
            }
            boolean timeChanged = was.timed() && after.timed()
                    && MethodChange.percentileDiffers(was.histogram(), after.histogram(), 50);
            if (was.hits() != after.hits() || timeChanged) {
                changed.add(String.format(Locale.ROOT, "  %d -> %d hits, per hit p50 %s -> %s %s  %s:%d", was.hits(), after.hits(),
                        Durations.format(was.percentileNanos(50)), Durations.format(after.percentileNanos(50)),
                        timeChanged ? (after.percentileNanos(50) > was.percentileNanos(50) ? "+" : "-") : "~",
                        after.line().method().displayName(), after.line().line()));
            }
        }
        if (!changed.isEmpty()) {
            out.println();
            out.println("lines whose hits or time per hit changed (~ = within noise):");
            changed.forEach(out::println);
        }
    }

    private static void allocations(Profile b, Profile a, PrintWriter out) {
        Map<AllocationSite, long[]> sites = new LinkedHashMap<>();
        for (AllocationProfile p : b.allocations()) {
            sites.computeIfAbsent(p.site(), k -> new long[4])[0] = p.count();
            sites.get(p.site())[1] = p.bytes();
        }
        for (AllocationProfile p : a.allocations()) {
            sites.computeIfAbsent(p.site(), k -> new long[4])[2] = p.count();
            sites.get(p.site())[3] = p.bytes();
        }
        List<Map.Entry<AllocationSite, long[]>> changed = sites.entrySet().stream()
                .filter(e -> e.getValue()[0] != e.getValue()[2]).toList();
        if (changed.isEmpty()) {
            return;
        }
        out.println();
        out.println("allocation sites whose counts changed (exact counts):");
        for (Map.Entry<AllocationSite, long[]> e : changed) {
            long[] v = e.getValue();
            out.println(String.format(Locale.ROOT, "  %d -> %d allocations, %d -> %d bytes  %s  %s:%d", v[0], v[2], v[1], v[3],
                    e.getKey().type(), e.getKey().method().displayName(), e.getKey().line()));
        }
    }
}
