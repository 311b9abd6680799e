package dev.hotline.cli;

import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One screen of {@code hotline top}, from two dumps of the same session a refresh apart: the
 * methods with the most self time between them, with their calls per second and the p50 and p99
 * of the calls that ended in the last interval, then their totals since the attach. Pure: no
 * terminal, no clock.
 */
final class TopScreen {

    private TopScreen() {
    }

    /** One method's line. */
    record Row(String method, long selfNanos, long calls, long p50Nanos, long p99Nanos, long totalCalls, long totalSelfNanos) {
    }

    /** The rows, most self time since {@code previous} first; {@code previous} null: since the attach. */
    static List<Row> rows(Profile previous, Profile current) {
        Map<String, MethodProfile> before = new HashMap<>();
        if (previous != null) {
            previous.methods().forEach(m -> before.put(m.method().key(), m));
        }
        List<IntervalProfile> intervals = current.intervals();
        Map<String, Histogram> last = intervals.isEmpty() ? Map.of() : intervals.get(intervals.size() - 1).histograms();
        List<Row> rows = new ArrayList<>();
        for (MethodProfile m : current.methods()) {
            MethodProfile was = before.get(m.method().key());
            long calls = m.calls() - (was == null ? 0 : was.calls());
            long self = m.selfNanos() - (was == null ? 0 : was.selfNanos());
            if (calls <= 0) {
                continue;
            }
            Histogram latest = last.get(m.method().key());
            long p50 = latest != null && latest.getTotalCount() > 0 ? latest.getValueAtPercentile(50) : m.percentileNanos(50);
            long p99 = latest != null && latest.getTotalCount() > 0 ? latest.getValueAtPercentile(99) : m.percentileNanos(99);
            rows.add(new Row(m.method().className() + "." + m.method().name(), Math.max(0, self), calls, p50, p99,
                    m.calls(), m.selfNanos()));
        }
        rows.sort(Comparator.comparingLong(Row::selfNanos).reversed().thenComparing(Row::method));
        return rows;
    }

    /** The screen: a title line, the column heads and at most {@code limit} rows. */
    static List<String> lines(String title, List<Row> rows, double seconds, int limit) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add(String.format(Locale.ROOT, "%6s %10s %10s %9s %9s %12s %10s  %s",
                "%self", "self/s", "calls/s", "p50", "p99", "total calls", "total self", "method"));
        long allSelf = rows.stream().mapToLong(Row::selfNanos).sum();
        double per = seconds > 0 ? seconds : 1;
        for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            lines.add(String.format(Locale.ROOT, "%5.1f%% %10s %10s %9s %9s %12d %10s  %s",
                    allSelf == 0 ? 0.0 : 100.0 * row.selfNanos() / allSelf,
                    Durations.format(row.selfNanos() / per), rate(row.calls() / per),
                    Durations.format(row.p50Nanos()), Durations.format(row.p99Nanos()),
                    row.totalCalls(), Durations.format(row.totalSelfNanos()), row.method()));
        }
        if (rows.isEmpty()) {
            lines.add("(no calls of the selected methods in this interval)");
        }
        return lines;
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
