package dev.hotline.core.report;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cProfile-style method table: ncalls, tottime, percall, cumtime, percall, p50, p99, max,
 * method; plus a "thrown" column when any call ended by an exception.
 */
public final class MethodTableReport implements ProfileRenderer {

    private final MethodSort sort;
    private final int top;
    private final boolean raw;

    /** @param raw show the times as measured, the probes' cost included ({@code report --raw}) */
    public MethodTableReport(MethodSort sort, int top, boolean raw) {
        this.sort = sort;
        this.top = top;
        this.raw = raw;
    }

    @Override
    public void render(Profile profile, String source, OutputStream target) {
        PrintWriter out = ProfileRenderer.text(target);
        List<MethodProfile> methods = new ArrayList<>(profile.methods());
        methods.sort(sort.comparator());
        header(profile, source, methods, raw, out);
        if (methods.isEmpty()) {
            out.println("No instrumented method completed a call. Check the includes=/excludes= options"
                    + " (agent.options above) against the classes you expected.");
            out.flush();
            return;
        }
        boolean thrown = methods.stream().anyMatch(m -> m.exceptions() > 0);
        boolean sampled = methods.stream().anyMatch(MethodProfile::sampled);
        TextTable table = new TextTable();
        List<String> head = new ArrayList<>(List.of("ncalls", "tottime", "percall", "cumtime", "percall", "p50", "p99", "max"));
        if (thrown) {
            head.add("thrown");
        }
        if (sampled) {
            head.add("±");
        }
        head.add("method");
        table.row(head.toArray(String[]::new));
        int shown = top > 0 ? Math.min(top, methods.size()) : methods.size();
        for (MethodProfile m : methods.subList(0, shown)) {
            long self = raw ? m.measuredSelfNanos() : m.selfNanos();
            long total = raw ? m.measuredTotalNanos() : m.totalNanos();
            List<String> row = new ArrayList<>(List.of(
                    Long.toString(m.calls()),
                    (m.sampled() ? "~" : "") + Durations.format(self),
                    Durations.format((double) self / m.calls()),
                    Durations.format(total),
                    Durations.format((double) total / m.calls()),
                    m.hasLatencies() ? Durations.format(m.percentileNanos(50)) : "-",
                    m.hasLatencies() ? Durations.format(m.percentileNanos(99)) : "-",
                    Durations.format(m.maxNanos())));
            if (thrown) {
                row.add(Long.toString(m.exceptions()));
            }
            if (sampled) {
                row.add(TimingNote.error(m));
            }
            row.add(m.method().displayName());
            table.row(row.toArray(String[]::new));
        }
        table.print(out);
        if (shown < methods.size()) {
            out.println("(" + (methods.size() - shown) + " more methods; --top 0 shows all)");
        }
        out.flush();
    }

    private static void header(Profile profile, String source, List<MethodProfile> methods, boolean raw,
                               PrintWriter out) {
        Map<String, String> s = profile.session();
        long calls = methods.stream().mapToLong(MethodProfile::calls).sum();
        out.println("hotline report of " + source);
        StringBuilder jvm = new StringBuilder("  JVM ");
        jvm.append(s.getOrDefault(SessionKeys.JAVA_VERSION, "?"));
        if (s.containsKey(SessionKeys.PID)) {
            jvm.append(", pid ").append(s.get(SessionKeys.PID));
        }
        var facts = profile.facts();
        if (facts.recordedMillis().isPresent()) {
            long ms = facts.recordedMillis().getAsLong();
            jvm.append(", started ").append(Instant.ofEpochMilli(facts.startMillis().getAsLong()))
                    .append(", recorded for ").append(Durations.format(ms * 1_000_000L));
        }
        out.println(jvm);
        if (s.containsKey(SessionKeys.COMMAND)) {
            out.println("  command: " + s.get(SessionKeys.COMMAND));
        }
        out.println("  " + calls + " calls of " + methods.size() + " methods; "
                + s.getOrDefault(SessionKeys.CLASSES_INSTRUMENTED, "?") + " classes instrumented, "
                + s.getOrDefault(SessionKeys.CLASSES_FAILED, "?") + " failed"
                + (s.getOrDefault(SessionKeys.OPEN_CALLS, "0").equals("0") ? "" : "; "
                        + s.get(SessionKeys.OPEN_CALLS) + " calls still running at dump time (not counted)"));
        out.println("  wall-clock times; tottime excludes instrumented callees; p50/p99 from HdrHistogram (±1%)");
        for (String line : TimingNote.lines(profile, raw)) {
            out.println("  " + line);
        }
        for (String line : CallTreeNote.lines(profile)) {
            out.println("  " + line);
        }
        if (s.containsKey(SessionKeys.DUMP_LEFT_OUT)) {
            out.println("  the heap was too full at dump time for the whole dump: it has every method's counts and"
                    + " times but no " + s.get(SessionKeys.DUMP_LEFT_OUT) + " (no percentiles)");
        }
        out.println();
    }
}
