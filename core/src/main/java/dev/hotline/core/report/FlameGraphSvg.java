package dev.hotline.core.report;

import dev.hotline.core.profile.CallTreeNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An exact flame graph of the calling-context tree as inline SVG: every distinct path of
 * instrumented calls is a stack of boxes, a box's width its inclusive time, children ordered by
 * name. Counts and times come from instrumentation, not samples. Clicking a box zooms to it
 * ({@link #SCRIPT}); every box's tooltip gives calls, total and self time. A {@link Painter} chooses
 * the boxes' colours and tooltips: the report's hashes names into warm colours, the differential
 * flame graph of {@code diff --format html} colours by change.
 */
public final class FlameGraphSvg {

    private static final int WIDTH = 1200;
    private static final int ROW = 18;
    private static final double MIN_WIDTH = 0.3;

    /** The flame graph's CSS, for a page that shows one. */
    public static final String STYLE = """
            .flame{overflow-x:auto}#flame text{font-size:11px;fill:#222;pointer-events:none}#flame g.f{cursor:pointer}
            """;

    /** Zooms the flame graph: a click on a box scales its range to the full width, on the background resets. */
    public static final String SCRIPT = """
            (function(){var svg=document.getElementById('flame');if(!svg)return;var W=svg.viewBox.baseVal.width;
              function zoom(x,w){svg.querySelectorAll('g.f').forEach(function(g){
                var gx=parseFloat(g.dataset.x),gw=parseFloat(g.dataset.w);var r=g.querySelector('rect'),t=g.querySelector('text');
                var nx=(gx-x)*W/w,nw=gw*W/w;var show=gx+gw>x&&gx<x+w;g.style.display=show?'':'none';
                r.setAttribute('x',nx);r.setAttribute('width',Math.max(0.5,nw-0.5));t.setAttribute('x',nx+3);
                t.style.display=nw>40?'':'none';});}
              svg.addEventListener('click',function(e){var g=e.target.closest('g.f');
                if(g)zoom(parseFloat(g.dataset.x),parseFloat(g.dataset.w));else zoom(0,W);});})();
            """;

    /**
     * How the boxes look. {@code C} is what the painter knows about a box, derived from its parent's
     * (the differential graph: the same path in the other run), computed only for boxes drawn.
     */
    public interface Painter<C> {
        /** What to know about {@code node}, given what was known about its parent ({@code null} above the outermost calls). */
        C context(C parent, CallTreeNode node);

        /** An SVG fill colour. */
        String fill(CallTreeNode node, C context);

        /** The tooltip's text (escaped here). */
        String tooltip(CallTreeNode node, C context);
    }

    /** The report's colours: hashed from the name, warm, "(other paths)" grey; tooltips with calls, folded calls, total and self. */
    private static final Painter<Void> BY_NAME = new Painter<>() {
        @Override
        public Void context(Void parent, CallTreeNode node) {
            return null;
        }

        @Override
        public String fill(CallTreeNode node, Void context) {
            if (node.isOtherPaths()) {
                return "hsl(0,0%,75%)";
            }
            int hash = name(node).hashCode();
            return String.format(Locale.ROOT, "hsl(%d,80%%,%d%%)", 10 + Math.floorMod(hash, 40), 55 + Math.floorMod(hash >> 8, 15));
        }

        @Override
        public String tooltip(CallTreeNode node, Void context) {
            return String.format(Locale.ROOT, "%s — %d calls%s, total %s, self %s", node.frameName(), node.calls(),
                    node.foldedCalls() > 0 ? " (and " + node.foldedCalls() + " recursive calls folded into it)" : "",
                    Durations.format(node.totalNanos()), Durations.format(node.selfNanos()));
        }
    };

    private FlameGraphSvg() {
    }

    static String render(CallTreeNode root) {
        return render(root, BY_NAME);
    }

    public static <C> String render(CallTreeNode root, Painter<C> painter) {
        Map<CallTreeNode, Long> widths = widths(root);
        long total = widths.get(root);
        if (total == 0) {
            return "<p>No completed calls to draw.</p>";
        }
        List<String> boxes = new ArrayList<>();
        int depth = layout(root, null, painter, 0, 0, total, widths, boxes);
        int height = (depth + 1) * ROW + 4;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"flame\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>exact flame graph</title>",
                WIDTH, height, WIDTH, height));
        for (String box : boxes) {
            svg.append(box).append('\n');
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Every node's width: its self time plus its children's widths (see {@link CallTreeNode}: with
     * recursion folded, a node's subtree holds the time of the calls folded into it). One pass.
     */
    static Map<CallTreeNode, Long> widths(CallTreeNode root) {
        Map<CallTreeNode, Long> widths = new IdentityHashMap<>();
        List<CallTreeNode> preorder = new ArrayList<>();
        Deque<CallTreeNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            CallTreeNode n = pending.pop();
            preorder.add(n);
            n.children().forEach(pending::push);
        }
        for (int i = preorder.size() - 1; i >= 0; i--) { // children before their parents
            CallTreeNode n = preorder.get(i);
            long width = n.selfNanos();
            for (CallTreeNode child : n.children()) {
                width += widths.get(child);
            }
            widths.put(n, width);
        }
        return widths;
    }

    /** Lays out the children of {@code node} from x; returns the deepest depth drawn. */
    private static <C> int layout(CallTreeNode node, C context, Painter<C> painter, int depth, double x, long total,
                                  Map<CallTreeNode, Long> widths, List<String> boxes) {
        int deepest = depth;
        List<CallTreeNode> children = new ArrayList<>(node.children());
        children.sort(Comparator.comparing(c -> c.method().key()));
        double cursor = x;
        for (CallTreeNode child : children) {
            double w = (double) widths.get(child) / total * WIDTH;
            if (w >= MIN_WIDTH) {
                C childContext = painter.context(context, child);
                boxes.add(box(child, painter.fill(child, childContext), painter.tooltip(child, childContext), cursor, depth, w));
                deepest = Math.max(deepest, layout(child, childContext, painter, depth + 1, cursor, total, widths, boxes));
            }
            cursor += w;
        }
        return deepest;
    }

    private static String box(CallTreeNode node, String fill, String tip, double x, int depth, double w) {
        String name = name(node);
        String simple = node.isOtherPaths() ? name : name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        if (node.foldedCalls() > 0) {
            simple += " \u21bb"; // the recursion folded into this frame
        }
        String label = w > 40 ? clip(simple, (int) (w / 7)) : "";
        return String.format(Locale.ROOT,
                "<g class=\"f\" data-x=\"%.2f\" data-w=\"%.2f\"><title>%s</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" rx=\"2\"/><text x=\"%.2f\" y=\"%d\">%s</text></g>",
                x, w, Html.escape(tip), x, depth * ROW, Math.max(0.5, w - 0.5), ROW - 1, fill, x + 3, depth * ROW + 13, Html.escape(label));
    }

    private static String name(CallTreeNode node) {
        return node.isOtherPaths() ? "(other paths)" : node.method().className() + "." + node.method().name();
    }

    private static String clip(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, Math.max(0, chars - 2)) + "..";
    }
}
