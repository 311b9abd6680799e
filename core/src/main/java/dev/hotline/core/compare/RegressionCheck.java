package dev.hotline.core.compare;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A performance gate for CI, shared by {@code hotline check} and the Maven plugin's {@code check}
 * goal: the methods whose metric grew past its limit against a baseline, and beyond what the
 * recorded spread explains ({@link MethodChange#significant}). A method with fewer than
 * {@code minCalls} calls in either profile is too thin to judge and is left out, as is one that ran
 * in only one of them; {@code max} is a single sample, so a change past its limit always counts.
 */
public final class RegressionCheck {

    /** How far one metric may grow: {@code maxRelative} 0.1 is +10%. */
    public record Limit(Metric metric, double maxRelative) {

        /**
         * {@code p99=10%} or {@code p99=10}.
         *
         * @throws IllegalArgumentException if it is not METRIC=PERCENT with a known metric
         */
        public static Limit parse(String text) {
            String[] parts = text.split("=");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected METRIC=PERCENT: " + text);
            }
            return new Limit(Metric.parse(parts[0]), Double.parseDouble(parts[1].replace("%", "").trim()) / 100);
        }

        /** {@code p99 +10%}. */
        public String label() {
            return metric.label() + " +" + Math.round(100 * maxRelative) + "%";
        }
    }

    /** One method's metric past its limit. */
    public record Regression(MethodChange change, Limit limit, double relative) {

        /** {@code pkg.Cls.m(int): p99 1.20 ms -> 2.40 ms (+100%, limit +10%)}. */
        public String describe() {
            Metric metric = limit.metric();
            return String.format(Locale.ROOT, "%s: %s %s -> %s (%+.0f%%, limit +%.0f%%)",
                    change.method().displayName(), metric.label(),
                    metric.format(metric.of(change.before())), metric.format(metric.of(change.after())),
                    100 * relative, 100 * limit.maxRelative());
        }
    }

    /** What a check found: {@code checked} methods judged, the regressions among them. */
    public record Result(List<Limit> limits, long minCalls, int checked, List<Regression> regressions) {

        /** Whether no method was judged at all: then the gate proves nothing, and says so. */
        public boolean nothingChecked() {
            return checked == 0;
        }

        public boolean passed() {
            return checked > 0 && regressions.isEmpty();
        }

        /** The one line that says how the check came out. */
        public String summary() {
            if (nothingChecked()) {
                return "no method with at least " + minCalls + " calls in both dumps matches; nothing was checked";
            }
            return regressions.isEmpty()
                    ? "OK: " + checked + " methods within " + describe(limits)
                    : "FAILED: " + regressions.size() + " regressions beyond " + describe(limits) + " (" + checked + " methods checked)";
        }

        private static String describe(List<Limit> limits) {
            List<String> parts = new ArrayList<>();
            limits.forEach(limit -> parts.add(limit.label()));
            return String.join(", ", parts);
        }
    }

    private final List<Limit> limits;
    private final MethodSelection methods;
    private final long minCalls;

    /**
     * @param limits   at most one per metric, in the order they are reported
     * @param methods  the methods to judge; null: all
     * @param minCalls the fewest calls in each profile for a method to be judged
     */
    public RegressionCheck(List<Limit> limits, MethodSelection methods, long minCalls) {
        this.limits = List.copyOf(limits);
        this.methods = methods;
        this.minCalls = minCalls;
    }

    public Result run(Profile baseline, Profile current) {
        List<Regression> regressions = new ArrayList<>();
        int checked = 0;
        for (MethodChange change : ProfileComparison.methods(baseline, current)) {
            if (!judged(change)) {
                continue;
            }
            checked++;
            for (Limit limit : limits) {
                Metric metric = limit.metric();
                double relative = change.relative(metric);
                boolean beyondNoise = metric == Metric.MAX || change.significant(metric);
                if (relative > limit.maxRelative() && beyondNoise) {
                    regressions.add(new Regression(change, limit, relative));
                }
            }
        }
        return new Result(limits, minCalls, checked, List.copyOf(regressions));
    }

    private boolean judged(MethodChange change) {
        return change.before() != null && change.after() != null
                && change.before().calls() >= minCalls && change.after().calls() >= minCalls
                && (methods == null || methods.selects(change.method().className(), change.method().name()));
    }
}
