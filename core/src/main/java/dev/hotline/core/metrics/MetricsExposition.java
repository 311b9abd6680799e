package dev.hotline.core.metrics;

import dev.hotline.core.metrics.ExpositionWriter.Type;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * A profile as metrics: for the first {@code top} methods in the chosen order (bounded cardinality:
 * about 30 series each), their calls and exceptions (counters, exact), their latency (a histogram on
 * the {@link LatencyLadder}), their self time (a gauge: see below); and for the whole JVM, what the
 * probes cost (the time hotline subtracted, a counter), each kind of probe's calibrated cost, whether
 * the calibration settled, and how many methods are instrumented and were called.
 *
 * <p>Metric names and meanings (the README's "Live metrics" lists them):
 * <ul>
 *   <li>{@code hotline_method_calls_total}: completed calls, every one counted;
 *   <li>{@code hotline_method_exceptions_total}: calls that ended by an exception;
 *   <li>{@code hotline_method_latency_seconds}: the latency of single calls, the program's own
 *       (probe cost subtracted). Its {@code _count} equals the calls counter for a method timed at
 *       every call; for a method whose calls are timed one in N (adaptive timing) it counts the calls
 *       the timed ones stand for, an estimate;
 *   <li>{@code hotline_method_self_seconds}: the method's own time so far (cProfile's tottime). A
 *       gauge, not a counter: a caller's self time is its time minus its callees', and while the
 *       caller's call is still open its callees' time is already subtracted but its own not yet added,
 *       so it can fall;
 *   <li>{@code hotline_overhead_seconds_total}: the calibrated cost of every probe that ran.
 * </ul>
 * Labels: {@code class}, {@code method}, {@code descriptor}, as in the report JSON: unique per method.
 *
 * <p>Thread-safety: {@link #write} synchronizes (it keeps the last overhead figure, see there).
 */
public final class MetricsExposition {

    /** Calibration figures shown, as indices into {@link SessionKeys#CALIBRATION_PS}, and their label values. */
    private static final int[] PROBE_FIGURES = {1, 2, 4, 6, 7, 8, 9};
    private static final String[] PROBE_NAMES = {"timed_call", "untimed_call", "sampled_call", "timed_line",
        "counted_line", "line_hits", "allocation"};

    private final int top;
    /** Largest first; ties by class, name and descriptor (not by {@code MethodRef.key()}: no string per comparison). */
    private final Comparator<MethodProfile> ranking;
    private long lastOverheadNanos;

    /**
     * @param top  how many methods to show
     * @param sort {@code tottime} (self time), {@code cumtime} (inclusive time) or {@code calls}, as
     *             {@code report --sort} names them
     */
    public MetricsExposition(int top, String sort) {
        this.top = top;
        ToLongFunction<MethodProfile> value = switch (sort) {
            case "cumtime" -> MethodProfile::totalNanos;
            case "calls" -> MethodProfile::calls;
            default -> MethodProfile::selfNanos;
        };
        this.ranking = Comparator.comparingLong(value).reversed()
                .thenComparing(m -> m.method().className())
                .thenComparing(m -> m.method().name())
                .thenComparing(m -> m.method().descriptor());
    }

    /** Writes the whole exposition of {@code profile} in {@code format} and flushes {@code out}. */
    public synchronized void write(Profile profile, ExpositionFormat format, Writer out) throws IOException {
        ExpositionWriter w = new ExpositionWriter(format, out);
        Map<String, String> facts = profile.session();
        String created = w.openMetrics() && facts.containsKey(SessionKeys.START_EPOCH_MILLIS)
                ? ExpositionWriter.decimal(Long.parseLong(facts.get(SessionKeys.START_EPOCH_MILLIS)), 3) : null;
        List<MethodProfile> shown = topMethods(profile.methods());
        List<String> labels = new ArrayList<>(shown.size());
        for (MethodProfile m : shown) {
            MethodRef ref = m.method();
            labels.add(ExpositionWriter.labels("class", ref.className(), "method", ref.name(), "descriptor",
                    ref.descriptor()));
        }

        w.family("hotline_method_calls", Type.COUNTER, null,
                "Completed calls of the method (by return or exception), every call counted.");
        for (int i = 0; i < shown.size(); i++) {
            counter(w, "hotline_method_calls", labels.get(i), Long.toString(shown.get(i).calls()), created);
        }
        w.family("hotline_method_exceptions", Type.COUNTER, null, "Calls of the method that ended by an exception.");
        for (int i = 0; i < shown.size(); i++) {
            counter(w, "hotline_method_exceptions", labels.get(i), Long.toString(shown.get(i).exceptions()), created);
        }
        w.family("hotline_method_latency_seconds", Type.HISTOGRAM, "seconds",
                "Latency of single calls, the probes' cost subtracted; estimated from the timed calls where only one in N is timed.");
        for (int i = 0; i < shown.size(); i++) {
            histogram(w, labels.get(i), LatencyLadder.of(shown.get(i).histogram()), created);
        }
        w.family("hotline_method_self_seconds", Type.GAUGE, "seconds",
                "Time in the method itself so far (tottime), callees that are instrumented excluded; can fall while a caller's call is open.");
        for (int i = 0; i < shown.size(); i++) {
            w.sample("hotline_method_self_seconds", labels.get(i), ExpositionWriter.decimal(shown.get(i).selfNanos(), 9));
        }

        long overhead = Math.max(lastOverheadNanos, profile.facts().count(SessionKeys.PROBE_COST_NANOS));
        // Never below the last scrape: the figure sums each thread's picoseconds rounded down to ns, and
        // a thread's rounding changes when it ends and its total moves to the retired threads (< 1 ns).
        lastOverheadNanos = overhead;
        w.family("hotline_overhead_seconds", Type.COUNTER, "seconds",
                "Calibrated cost of every probe that ran so far: the time hotline added to the program, and subtracted from its times.");
        counter(w, "hotline_overhead_seconds", "", ExpositionWriter.decimal(overhead, 9), created);
        w.family("hotline_probe_cost_seconds", Type.GAUGE, "seconds",
                "Calibrated cost of one probe of each kind in this JVM, as last measured: the figures subtracted.");
        boolean settled = profile.facts().number(SessionKeys.CALIBRATION_SETTLED_MILLIS).orElse(-1) >= 0;
        for (int k = 0; k < PROBE_FIGURES.length; k++) {
            String figure = facts.get(SessionKeys.CALIBRATION_PS.get(PROBE_FIGURES[k]));
            if (figure != null) {
                w.sample("hotline_probe_cost_seconds", ExpositionWriter.labels("probe", PROBE_NAMES[k]),
                        ExpositionWriter.decimal(Long.parseLong(figure), 12));
            }
        }
        gauge(w, "hotline_calibration_settled",
                "1 once the probe-cost calibration settled (its figures stopped falling as the JIT finished the probes), else 0.",
                settled ? 1 : 0);
        gauge(w, "hotline_methods_instrumented", "Methods that got a timer.",
                profile.facts().count(SessionKeys.METHOD_PROBES));
        gauge(w, "hotline_methods_called", "Methods with at least one completed call; the endpoint shows the first metricstop of them.",
                profile.methods().stream().filter(m -> m.calls() > 0).count());
        w.end();
    }

    /**
     * The methods {@link #write} shows of these: called at least once, the first {@code top} in the
     * chosen order. Only their latency histograms are read (a capture may skip the others').
     */
    public Set<MethodRef> shown(Collection<MethodProfile> methods) {
        Set<MethodRef> shown = new HashSet<>();
        for (MethodProfile m : topMethods(methods)) {
            shown.add(m.method());
        }
        return shown;
    }

    /** The first {@code top} called methods in ranking order: a bounded heap, O(n log top), not a sort of every method. */
    private List<MethodProfile> topMethods(Collection<MethodProfile> methods) {
        PriorityQueue<MethodProfile> kept = new PriorityQueue<>(top + 1, ranking.reversed()); // head: the last kept
        for (MethodProfile m : methods) {
            if (m.calls() == 0) {
                continue;
            }
            if (kept.size() < top) {
                kept.add(m);
            } else if (ranking.compare(m, kept.peek()) < 0) {
                kept.poll();
                kept.add(m);
            }
        }
        List<MethodProfile> shown = new ArrayList<>(kept);
        shown.sort(ranking);
        return shown;
    }

    private static void counter(ExpositionWriter w, String family, String labels, String value, String created)
            throws IOException {
        w.sample(family + "_total", labels, value);
        if (created != null) {
            w.sample(family + "_created", labels, created);
        }
    }

    private static void histogram(ExpositionWriter w, String labels, LatencyLadder.Buckets buckets, String created)
            throws IOException {
        String name = "hotline_method_latency_seconds";
        String prefix = labels.isEmpty() ? "" : labels + ",";
        long[] cumulative = buckets.cumulative();
        for (int i = 0; i < cumulative.length; i++) {
            w.sample(name + "_bucket", prefix + "le=\"" + LatencyLadder.LE[i] + "\"", Long.toString(cumulative[i]));
        }
        w.sample(name + "_bucket", prefix + "le=\"+Inf\"", Long.toString(buckets.count()));
        w.sample(name + "_count", labels, Long.toString(buckets.count()));
        w.sample(name + "_sum", labels, ExpositionWriter.decimal(buckets.sumNanos(), 9));
        if (created != null) {
            w.sample(name + "_created", labels, created);
        }
    }

    private static void gauge(ExpositionWriter w, String name, String help, long value) throws IOException {
        w.family(name, Type.GAUGE, null, help);
        w.sample(name, "", Long.toString(value));
    }
}
