package dev.hotline.core.compare;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.CallTreeNote;
import dev.hotline.core.report.Durations;
import dev.hotline.core.report.FlameGraphSvg;
import dev.hotline.core.report.Html;
import dev.hotline.core.report.ProfileRenderer;
import dev.hotline.core.report.TimingNote;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@code diff --format html}: a differential flame graph as one self-contained page (inline CSS,
 * SVG and script, nothing from the network). The boxes are the second run's exact call tree, widths
 * its inclusive times; each box is coloured by its {@link FrameChange}: red slower, blue faster
 * beyond noise (deeper for larger changes, full at twice or half the time per call), grey within
 * noise, pale where too few calls to judge, violet for a path the first run did not have. A box's
 * tooltip, and the line under the graph on hover, give both runs' values. Below: the frames whose
 * change beyond noise cost or saved the most time, and the paths of the first run that are gone.
 */
public final class DiffFlameGraphPage {

    private static final int LISTED = 20;

    private DiffFlameGraphPage() {
    }

    public static void render(Profile before, String beforeName, Profile after, String afterName, OutputStream target) {
        PrintWriter out = ProfileRenderer.text(target);
        String title = beforeName + " -> " + afterName;
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hotline diff: "
                + Html.escape(title) + "</title><style>" + STYLE + FlameGraphSvg.STYLE + "</style></head><body>");
        out.println("<h1>hotline diff</h1><p class=\"src\">before " + Html.escape(beforeName) + "<br>after "
                + Html.escape(afterName) + "</p>");
        timing("before", before, out);
        timing("after", after, out);
        out.println("<h2 id=\"flame-graph\">Differential flame graph <small>the second run's exact call tree, widths its"
                + " inclusive times; colour: the change of each frame's time per call against the same path in the first"
                + " run; click a box to zoom, the background to reset</small></h2>");
        out.println("<p class=\"legend\">" + swatch(Colours.slower(1), "slower, beyond noise") + swatch(Colours.slower(0.25), "")
                + swatch(Colours.faster(0.25), "") + swatch(Colours.faster(1), "faster, beyond noise")
                + swatch(Colours.WITHIN_NOISE, "within noise") + swatch(Colours.NOT_JUDGED, "fewer than "
                + MethodChange.MIN_CALLS + " calls, not judged") + swatch(Colours.NEW, "new path") + "</p>");
        out.println("<div class=\"flame\">" + FlameGraphSvg.render(after.callTree(), new ChangePainter(before, after)) + "</div>");
        out.println("<p id=\"hover\">Hover over a frame for both runs' values.</p>");
        largestChanges(before, after, out);
        gonePaths(before, after, out);
        out.println("<script>" + FlameGraphSvg.SCRIPT + HOVER + "</script></body></html>");
        out.flush();
    }

    /** What the run's times are (TimingNote's sentences); the table's ± column is not on this page, so sampling is said here. */
    private static void timing(String run, Profile profile, PrintWriter out) {
        out.println("<ul class=\"timing\">");
        String sampledLine = TimingNote.sampledLine(profile).orElse(null);
        for (String line : TimingNote.lines(profile, false)) {
            if (!line.equals(sampledLine)) {
                out.println("<li>" + run + ": " + Html.escape(line.replace("; --raw shows them as measured", "")) + "</li>");
            }
        }
        for (String line : CallTreeNote.lines(profile)) {
            out.println("<li>" + run + ": " + Html.escape(line) + "</li>");
        }
        long sampled = profile.methods().stream().filter(MethodProfile::sampled).count();
        if (sampled > 0) {
            out.println("<li>" + run + ": " + sampled + " methods timed at 1 in N calls (adaptive timing, every call counted): their"
                    + " frames' times are estimates from the timed calls, and only those count as draws in the noise test;"
                    + " timing=exact times every call</li>");
        }
        out.println("</ul>");
    }

    private static String swatch(String colour, String label) {
        return "<span class=\"sw\" style=\"background:" + colour + "\"></span>" + Html.escape(label) + " ";
    }

    /** A frame judged slower or faster, and the method calling it (null for an outermost call). */
    private record Listed(FrameChange change, CallTreeNode caller) {
    }

    /** The frames judged slower or faster whose change moved the most time in the second run. */
    private static void largestChanges(Profile before, Profile after, PrintWriter out) {
        Comparator<Listed> bySize = Comparator.comparingDouble(l -> Math.abs(l.change().nanosChanged()));
        PriorityQueue<Listed> largest = new PriorityQueue<>(bySize);
        walk(before.callTree(), after.callTree(), null, before, after, largest);
        List<Listed> rows = new ArrayList<>(largest);
        rows.sort(bySize.reversed());
        out.println("<h2 id=\"changes\">Largest changes beyond noise <small>time per call on the path, and what the change"
                + " moved in the second run (its calls times the change per call)</small></h2>");
        if (rows.isEmpty()) {
            out.println("<p>No frame's time per call changed beyond noise.</p>");
            return;
        }
        out.println("<table><tr><th>moved</th><th>per call</th><th>change</th><th>calls</th><th class=\"name\">frame</th>"
                + "<th class=\"name\">called from</th></tr>");
        for (Listed row : rows) {
            FrameChange c = row.change();
            out.println("<tr><td>" + signed(c.nanosChanged()) + "</td><td>" + perCall(c.before()) + " &rarr; " + perCall(c.after())
                    + "</td><td>" + percent(c.relative()) + "</td><td>" + c.before().calls() + " &rarr; " + c.after().calls()
                    + "</td><td class=\"name\">" + Html.escape(c.after().frameName()) + "</td><td class=\"name\">"
                    + Html.escape(row.caller() == null ? "(outermost call)" : row.caller().frameName()) + "</td></tr>");
        }
        out.println("</table>");
    }

    /** Judges every node of {@code after} below {@code caller} whose path {@code before} also has, keeping the largest. */
    private static void walk(CallTreeNode before, CallTreeNode after, CallTreeNode caller, Profile b, Profile a,
                             PriorityQueue<Listed> largest) {
        Map<MethodRef, CallTreeNode> was = FrameChange.childrenByMethod(before);
        for (CallTreeNode child : after.children()) {
            CallTreeNode same = was.get(child.method());
            FrameChange change = FrameChange.of(same, child, b, a);
            if (change.verdict() == FrameChange.Verdict.SLOWER || change.verdict() == FrameChange.Verdict.FASTER) {
                largest.add(new Listed(change, caller));
                if (largest.size() > LISTED) {
                    largest.poll();
                }
            }
            if (same != null) {
                walk(same, child, child, b, a, largest);
            }
        }
    }

    /** The paths of the first run with completed calls that the second run does not have, largest first. */
    private static void gonePaths(Profile before, Profile after, PrintWriter out) {
        List<CallTreeNode[]> gone = new ArrayList<>();
        gone(before.callTree(), after.callTree(), null, gone);
        out.println("<h2 id=\"gone\">Paths gone <small>in the first run, not in the second (not drawn)</small></h2>");
        if (gone.isEmpty()) {
            out.println("<p>Every path of the first run is in the second.</p>");
            return;
        }
        gone.sort(Comparator.comparingLong((CallTreeNode[] g) -> g[1].totalNanos()).reversed());
        out.println("<table><tr><th>calls</th><th>total</th><th class=\"name\">frame</th><th class=\"name\">called from</th></tr>");
        for (CallTreeNode[] g : gone.subList(0, Math.min(LISTED, gone.size()))) {
            out.println("<tr><td>" + g[1].calls() + "</td><td>" + Durations.format(g[1].totalNanos()) + "</td><td class=\"name\">"
                    + Html.escape(g[1].frameName()) + "</td><td class=\"name\">"
                    + Html.escape(g[0] == null ? "(outermost call)" : g[0].frameName()) + "</td></tr>");
        }
        out.println("</table>");
        if (gone.size() > LISTED) {
            out.println("<p>" + (gone.size() - LISTED) + " more paths gone.</p>");
        }
    }

    /** Collects {parent, node} for the topmost nodes of {@code before} whose path {@code after} lacks. */
    private static void gone(CallTreeNode before, CallTreeNode after, CallTreeNode parent, List<CallTreeNode[]> gone) {
        Map<MethodRef, CallTreeNode> now = FrameChange.childrenByMethod(after);
        for (CallTreeNode child : before.children()) {
            CallTreeNode same = now.get(child.method());
            if (same == null || same.calls() == 0) {
                if (child.calls() > 0) {
                    gone.add(new CallTreeNode[] {parent, child});
                }
            } else {
                gone(child, same, child, gone);
            }
        }
    }

    static String perCall(CallTreeNode node) {
        return node.calls() == 0 ? "-" : Durations.format((double) node.totalNanos() / node.calls());
    }

    static String percent(double relative) {
        return Double.isNaN(relative) ? "" : Double.isInfinite(relative) ? "+inf" : String.format(Locale.ROOT, "%+.0f%%", 100 * relative);
    }

    private static String signed(double nanos) {
        return (nanos >= 0 ? "+" : "-") + Durations.format(Math.abs(nanos));
    }

    /** Colours each box by its frame's change; the context is the frame's change and its first-run children. */
    private static final class ChangePainter implements FlameGraphSvg.Painter<ChangePainter.Frame> {

        record Frame(FrameChange change, Map<MethodRef, CallTreeNode> beforeChildren) {
        }

        private final Profile before;
        private final Profile after;
        private final Map<MethodRef, CallTreeNode> outermostBefore;

        ChangePainter(Profile before, Profile after) {
            this.before = before;
            this.after = after;
            this.outermostBefore = FrameChange.childrenByMethod(before.callTree());
        }

        @Override
        public Frame context(Frame parent, CallTreeNode node) {
            Map<MethodRef, CallTreeNode> candidates = parent == null ? outermostBefore : parent.beforeChildren();
            CallTreeNode same = candidates.get(node.method());
            return new Frame(FrameChange.of(same, node, before, after), FrameChange.childrenByMethod(same));
        }

        @Override
        public String fill(CallTreeNode node, Frame frame) {
            FrameChange change = frame.change();
            return switch (change.verdict()) {
                case NEW -> Colours.NEW;
                case NOT_JUDGED -> Colours.NOT_JUDGED;
                case WITHIN_NOISE -> Colours.WITHIN_NOISE;
                case SLOWER -> Colours.slower(Colours.strength(change.relative()));
                case FASTER -> Colours.faster(Colours.strength(change.relative()));
            };
        }

        @Override
        public String tooltip(CallTreeNode node, Frame frame) {
            FrameChange change = frame.change();
            String name = node.frameName();
            if (change.before() == null || change.before().calls() == 0) {
                return String.format(Locale.ROOT, "%s — new path: %d calls, total %s, self %s (before: no completed call)", name,
                        node.calls(), Durations.format(node.totalNanos()), Durations.format(node.selfNanos()));
            }
            CallTreeNode b = change.before();
            String verdict = switch (change.verdict()) {
                case SLOWER -> "slower, beyond noise";
                case FASTER -> "faster, beyond noise";
                case WITHIN_NOISE -> "within noise";
                default -> "not judged: fewer than " + MethodChange.MIN_CALLS + " calls";
            };
            return String.format(Locale.ROOT, "%s — per call %s -> %s (%s, %s); calls %d -> %d; total %s -> %s; self %s -> %s%s",
                    name, perCall(b), perCall(node), percent(change.relative()), verdict, b.calls(), node.calls(),
                    Durations.format(b.totalNanos()), Durations.format(node.totalNanos()),
                    Durations.format(b.selfNanos()), Durations.format(node.selfNanos()), methodMedian(node));
        }

        /**
         * The method's p50 over all its paths, with diff's percentile test: a mean is moved by a few long calls
         * (JIT warm-up, GC pauses) that leave the median alone, so the two verdicts can differ.
         */
        private String methodMedian(CallTreeNode node) {
            MethodProfile b = before.method(node.method());
            MethodProfile a = after.method(node.method());
            if (b == null || a == null || b.calls() == 0 || a.calls() == 0) {
                return "";
            }
            MethodChange change = new MethodChange(node.method(), b, a);
            String verdict = b.calls() < MethodChange.MIN_CALLS || a.calls() < MethodChange.MIN_CALLS ? "not judged"
                    : change.significant(Metric.P50) ? "beyond noise" : "within noise";
            return String.format(Locale.ROOT, "; the method's p50, all paths: %s -> %s (%s, %s)", Metric.P50.format(Metric.P50.of(b)),
                    Metric.P50.format(Metric.P50.of(a)), percent(change.relative(Metric.P50)), verdict);
        }
    }

    /** The page's colours. */
    static final class Colours {
        static final String WITHIN_NOISE = "#d9d9d9";
        static final String NOT_JUDGED = "#f0ead8";
        static final String NEW = "#b380d9";

        private Colours() {
        }

        /** 0..1: how far the time per call moved, on a log scale; 1 at twice or half. */
        static double strength(double relative) {
            if (Double.isInfinite(relative)) {
                return 1;
            }
            return Math.min(1, Math.abs(Math.log(1 + relative) / Math.log(2)));
        }

        static String slower(double strength) {
            return String.format(Locale.ROOT, "hsl(4,78%%,%d%%)", Math.round(86 - 36 * strength));
        }

        static String faster(double strength) {
            return String.format(Locale.ROOT, "hsl(212,72%%,%d%%)", Math.round(86 - 36 * strength));
        }
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
            h1{margin:0}h2{margin-top:32px;border-bottom:1px solid #ddd}small{color:#777;font-weight:normal;font-size:12px}
            .src{color:#555;margin-top:0}.timing{color:#555;font-size:12px}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}
            td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #f0f0f0;white-space:nowrap}
            .name{text-align:left}th{background:#f7f7f7}
            .legend{font-size:12px}.sw{display:inline-block;width:14px;height:12px;margin:0 4px 0 8px;vertical-align:middle;border-radius:2px}
            #hover{font-size:12px;min-height:1.4em;color:#333;font-variant-numeric:tabular-nums}
            """;

    /** Shows the hovered box's tooltip under the graph, so both runs' values stay on screen. */
    private static final String HOVER = """
            (function(){var svg=document.getElementById('flame'),line=document.getElementById('hover');if(!svg||!line)return;
              svg.addEventListener('mouseover',function(e){var g=e.target.closest('g.f');
                if(g)line.textContent=g.querySelector('title').textContent;});})();
            """;
}
