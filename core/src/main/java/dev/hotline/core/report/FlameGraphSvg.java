package dev.hotline.core.report;

import dev.hotline.core.profile.CallTreeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * An exact flame graph of the calling-context tree as inline SVG: every distinct path of
 * instrumented calls is a stack of boxes, a box's width its inclusive time, children ordered by
 * name. Counts and times come from instrumentation, not samples. Clicking a box zooms to it (the
 * page's script); every box's tooltip gives calls, total and self time.
 */
final class FlameGraphSvg {

    private static final int WIDTH = 1200;
    private static final int ROW = 18;
    private static final double MIN_WIDTH = 0.3;

    private FlameGraphSvg() {
    }

    static String render(CallTreeNode root) {
        Map<CallTreeNode, Long> widths = widths(root);
        long total = widths.get(root);
        if (total == 0) {
            return "<p>No completed calls to draw.</p>";
        }
        List<String> boxes = new ArrayList<>();
        int depth = layout(root, 0, 0, total, widths, boxes);
        int height = (depth + 1) * ROW + 4;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"flame\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>exact flame graph</title>",
                WIDTH, height, WIDTH, height));
        for (String box : boxes) {
            svg.append(box).append('\n');
        }
        return svg.append("</svg>").toString();
    }

    /** Lays out the children of {@code node} from x; returns the deepest depth drawn. */
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
    private static int layout(CallTreeNode node, int depth, double x, long total, Map<CallTreeNode, Long> widths,
                              List<String> boxes) {
        int deepest = depth;
        List<CallTreeNode> children = new ArrayList<>(node.children());
        children.sort(Comparator.comparing(c -> c.method().key()));
        double cursor = x;
        for (CallTreeNode child : children) {
            double w = (double) widths.get(child) / total * WIDTH;
            if (w >= MIN_WIDTH) {
                boxes.add(box(child, cursor, depth, w));
                deepest = Math.max(deepest, layout(child, depth + 1, cursor, total, widths, boxes));
            }
            cursor += w;
        }
        return deepest;
    }

    private static String box(CallTreeNode node, double x, int depth, double w) {
        String name = node.isOtherPaths() ? "(other paths)" : node.method().className() + "." + node.method().name();
        String simple = node.isOtherPaths() ? name : name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        if (node.foldedCalls() > 0) {
            simple += " \u21bb"; // the recursion folded into this frame
        }
        int hash = name.hashCode();
        String colour = node.isOtherPaths() ? "hsl(0,0%,75%)"
                : String.format(Locale.ROOT, "hsl(%d,80%%,%d%%)", 10 + Math.floorMod(hash, 40), 55 + Math.floorMod(hash >> 8, 15));
        String tip = String.format(Locale.ROOT, "%s — %d calls%s, total %s, self %s", node.frameName(), node.calls(),
                node.foldedCalls() > 0 ? " (and " + node.foldedCalls() + " recursive calls folded into it)" : "",
                Durations.format(node.totalNanos()), Durations.format(node.selfNanos()));
        String label = w > 40 ? clip(simple, (int) (w / 7)) : "";
        return String.format(Locale.ROOT,
                "<g class=\"f\" data-x=\"%.2f\" data-w=\"%.2f\"><title>%s</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" rx=\"2\"/><text x=\"%.2f\" y=\"%d\">%s</text></g>",
                x, w, Html.escape(tip), x, depth * ROW, Math.max(0.5, w - 0.5), ROW - 1, colour, x + 3, depth * ROW + 13, Html.escape(label));
    }

    private static String clip(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, Math.max(0, chars - 2)) + "..";
    }
}
