package dev.hotline.core.report;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.IntervalProfile;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The report as one self-contained HTML page (no network needed to open it): the sortable method
 * table, the exact flame graph, latency plots of the costliest methods (percentile curve and
 * histogram, and latency over the run when there are intervals), the line view with a heat column
 * and the allocation view. Charts are inline SVG drawn here; the only script sorts the table and
 * zooms the flame graph.
 */
public final class HtmlReport implements ProfileRenderer {

    private static final int PLOTTED_METHODS = 12;

    private final SourceLookup sources;

    public HtmlReport(SourceLookup sources) {
        this.sources = sources;
    }

    @Override
    public void render(Profile profile, String source, OutputStream target) {
        PrintWriter out = ProfileRenderer.text(target);
        List<MethodProfile> methods = new ArrayList<>(profile.methods());
        methods.sort(MethodSort.TOTTIME.comparator());
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hotline report: "
                + Html.escape(source) + "</title><style>" + STYLE + "</style></head><body>");
        out.println("<h1>hotline report</h1><p class=\"src\">" + Html.escape(source) + "</p>");
        session(profile, out);
        out.println("<nav><a href=\"#methods\">Methods</a> <a href=\"#flame-graph\">Flame graph</a> <a href=\"#latency\">Latency</a>"
                + " <a href=\"#lines\">Lines</a> <a href=\"#allocations\">Allocations</a></nav>");
        timingNote(profile, out);
        methodTable(methods, out);
        out.println("<h2 id=\"flame-graph\">Flame graph <small>exact: every call counted, widths are inclusive time"
                + (TimingNote.calibrated(profile) ? " with the probes' cost subtracted" : "")
                + "; click a box to zoom, the background to reset</small></h2>");
        out.println("<div class=\"flame\">" + FlameGraphSvg.render(profile.callTree()) + "</div>");
        latency(methods, profile.intervals(), out);
        lines(profile, out);
        allocations(profile, out);
        out.println("<script>" + SCRIPT + "</script></body></html>");
        out.flush();
    }

    private static void session(Profile profile, PrintWriter out) {
        out.println("<details><summary>Recorded JVM</summary><table class=\"facts\">");
        for (Map.Entry<String, String> fact : profile.session().entrySet()) {
            out.println("<tr><th>" + Html.escape(fact.getKey()) + "</th><td>" + Html.escape(fact.getValue()) + "</td></tr>");
        }
        out.println("</table></details>");
    }

    /** What the times are: the program's own (and what was subtracted), estimated from samples, clamped. */
    private static void timingNote(Profile profile, PrintWriter out) {
        out.println("<ul class=\"timing\">");
        for (String line : TimingNote.lines(profile, false)) {
            out.println("<li>" + Html.escape(line.replace("; --raw shows them as measured", "")) + "</li>");
        }
        for (String line : CallTreeNote.lines(profile)) {
            out.println("<li>" + Html.escape(line) + "</li>");
        }
        out.println("</ul>");
    }

    private static void methodTable(List<MethodProfile> methods, PrintWriter out) {
        out.println("<h2 id=\"methods\">Methods <small>wall-clock; tottime excludes instrumented callees; click a header to sort</small></h2>");
        out.println("<table id=\"method-table\" class=\"sortable\"><thead><tr><th>ncalls</th><th>thrown</th><th>tottime</th>"
                + "<th>percall</th><th>cumtime</th><th>percall</th><th>p50</th><th>p90</th><th>p99</th><th>max</th>"
                + "<th>±</th><th class=\"name\">method</th></tr></thead><tbody>");
        for (MethodProfile m : methods) {
            out.println("<tr>" + num(m.calls(), Long.toString(m.calls())) + num(m.exceptions(), Long.toString(m.exceptions()))
                    + time(m.selfNanos()) + time((double) m.selfNanos() / m.calls()) + time(m.totalNanos())
                    + time((double) m.totalNanos() / m.calls()) + percentile(m, 50) + percentile(m, 90) + percentile(m, 99)
                    + time(m.maxNanos())
                    + num(m.relativeError(), TimingNote.error(m))
                    + "<td class=\"name\">" + (m.sampled() ? "~ " : "")+ Html.escape(m.method().displayName()) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static String num(double sortKey, String shown) {
        return "<td data-v=\"" + String.format(Locale.ROOT, "%.3f", sortKey) + "\">" + Html.escape(shown) + "</td>";
    }

    private static String time(double nanos) {
        return num(nanos, Durations.format(nanos));
    }

    /** A percentile's cell; "-" (sorting lowest) where the dump has no latencies for the method. */
    private static String percentile(MethodProfile m, double percentile) {
        return m.hasLatencies() ? time(m.percentileNanos(percentile)) : num(-1, "-");
    }

    private static void latency(List<MethodProfile> methods, List<IntervalProfile> intervals, PrintWriter out) {
        out.println("<h2 id=\"latency\">Latency of the costliest methods <small>HdrHistogram, 2 significant digits</small></h2>");
        // a distribution needs calls: single-call methods (main) have nothing to plot
        List<MethodProfile> costliest = new ArrayList<>(methods.stream().filter(m -> m.calls() > 1).toList());
        costliest.sort(Comparator.comparingLong(MethodProfile::totalNanos).reversed());
        costliest = costliest.subList(0, Math.min(PLOTTED_METHODS, costliest.size()));
        if (!intervals.isEmpty()) {
            List<String> names = new ArrayList<>();
            List<double[][]> series = new ArrayList<>();
            long start = intervals.get(0).startMillis();
            for (MethodProfile m : costliest.subList(0, Math.min(5, costliest.size()))) {
                List<double[]> points = new ArrayList<>();
                for (IntervalProfile interval : intervals) {
                    Histogram h = interval.histogram(m.method().key());
                    if (h != null && h.getTotalCount() > 0) {
                        points.add(new double[] {(interval.endMillis() - start) / 1000.0, h.getValueAtPercentile(99)});
                    }
                }
                names.add("p99 " + shortName(m.method()));
                series.add(points.toArray(double[][]::new));
            }
            out.println("<div class=\"plot\"><h3>p99 per interval (" + intervals.size() + " intervals)</h3>"
                    + SvgCharts.overTime(names, series) + "</div>");
        }
        out.println("<div class=\"plots\">");
        for (MethodProfile m : costliest) {
            out.println("<div class=\"plot\"><h3>" + Html.escape(m.method().displayName()) + "</h3><p>" + m.calls() + " calls, p50 "
                    + Durations.format(m.percentileNanos(50)) + ", p99 " + Durations.format(m.percentileNanos(99)) + ", max "
                    + Durations.format(m.maxNanos()) + "</p>" + SvgCharts.percentileCurve(m.histogram())
                    + SvgCharts.histogram(m.histogram()) + "</div>");
        }
        out.println("</div>");
    }

    private static String shortName(MethodRef m) {
        String cls = m.className();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + m.name();
    }

    private void lines(Profile profile, PrintWriter out) {
        out.println("<h2 id=\"lines\">Lines <small>hits and time per source line (agent option lines=); heat is the share of the method's line time</small></h2>");
        List<MethodLines> methods = MethodLines.of(profile.lines());
        if (methods.isEmpty()) {
            out.println("<p>No line data: run the agent with lines=Class#method.</p>");
            return;
        }
        for (MethodLines lines : methods) {
            // lines counted without times (linehits=) are shaded by their share of the hits instead
            boolean timed = lines.timed();
            String file = lines.file();
            out.println("<h3>" + Html.escape(lines.method().displayName()) + " <small>" + Html.escape(file) + ", "
                    + (timed ? Durations.format(lines.total()) : "hits only, not timed") + "</small></h3>");
            lines.overTotalNote(profile.method(lines.method()))
                    .ifPresent(note -> out.println("<p class=\"note\">Note: " + Html.escape(note) + "</p>"));
            out.println("<table class=\"lines\"><tr><th>Line</th><th>Hits</th><th>Time</th>"
                    + "<th>Per hit</th><th>" + (timed ? "% Time" : "% Hits")
                    + "</th><th>p99</th><th class=\"name\">Contents</th></tr>");
            for (MethodLines.Row row : lines.rows()) {
                LineProfile l = row.line();
                String heat = String.format(Locale.ROOT, "background:rgba(231,76,60,%.2f)", Math.min(1, row.share() * 1.5));
                boolean times = l != null && timed;
                out.println("<tr><td>" + row.number() + "</td><td>" + (l == null ? "" : l.hits()) + "</td><td>"
                        + (times ? (l.sampled() ? "~ " : "") + Durations.format(l.totalNanos()) : l == null ? "" : "-")
                        + "</td><td>"
                        + (times ? Durations.format((double) l.totalNanos() / l.hits()) : l == null ? "" : "-")
                        + "</td><td style=\"" + heat + "\">"
                        + (l == null ? "" : String.format(Locale.ROOT, "%.1f", 100 * row.share())) + "</td><td>"
                        + (times ? Durations.format(l.percentileNanos(99)) : l == null ? "" : "-")
                        + "</td><td class=\"name\"><code>" + Html.escape(sources.line(file, row.number())) + "</code></td></tr>");
            }
            out.println("</table>");
        }
    }

    private static void allocations(Profile profile, PrintWriter out) {
        out.println("<h2 id=\"allocations\">Allocations <small>allocations the bytecode performs (the JIT may remove some);"
                + " bytes are the JVM's shallow sizes</small></h2>");
        List<AllocationProfile> sites = AllocationReport.bySize(profile.allocations());
        if (sites.isEmpty()) {
            out.println("<p>No allocation data: run the agent with alloc=com.acme.*.</p>");
            return;
        }
        out.println("<table class=\"sortable\"><thead><tr><th>count</th><th>bytes</th><th class=\"name\">type</th>"
                + "<th class=\"name\">site</th></tr></thead><tbody>");
        for (AllocationProfile a : sites) {
            out.println("<tr>" + num(a.count(), Long.toString(a.count())) + num(a.bytes(), AllocationReport.bytes(a.bytes()))
                    + "<td class=\"name\">" + Html.escape(a.site().type()) + "</td><td class=\"name\">"
                    + Html.escape(a.site().method().displayName() + ":" + a.site().line()) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
            h1{margin:0}h2{margin-top:32px;border-bottom:1px solid #ddd}small{color:#777;font-weight:normal;font-size:12px}
            .src{color:#555;margin-top:0}nav a{margin-right:12px}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}
            td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #f0f0f0;white-space:nowrap}
            .name{text-align:left}th{background:#f7f7f7;cursor:pointer;position:sticky;top:0}
            .facts th{text-align:left;cursor:auto}
            .plots{display:flex;flex-wrap:wrap;gap:16px}.plot h3{font-size:13px;margin:8px 0 0}.plot p{margin:0;color:#555}
            .chart{display:block;margin:4px 0}.chart text{font-size:10px;fill:#555}
            .lines code{white-space:pre}
            """ + FlameGraphSvg.STYLE;

    private static final String SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function(table){
              table.querySelectorAll('th').forEach(function(th,col){
                var asc=false;
                th.addEventListener('click',function(){
                  asc=!asc;var body=table.tBodies[0];var rows=Array.from(body.rows);
                  rows.sort(function(a,b){var x=a.cells[col],y=b.cells[col];
                    var vx=x.dataset.v!==undefined?parseFloat(x.dataset.v):x.textContent;
                    var vy=y.dataset.v!==undefined?parseFloat(y.dataset.v):y.textContent;
                    return (vx<vy?-1:vx>vy?1:0)*(asc?1:-1);});
                  rows.forEach(function(r){body.appendChild(r);});
                });
              });
            });
            """ + FlameGraphSvg.SCRIPT;
}
