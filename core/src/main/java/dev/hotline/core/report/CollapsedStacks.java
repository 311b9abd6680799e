package dev.hotline.core.report;

import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.Profile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The calling-context tree as folded stacks ({@code a;b;c VALUE} per line), the input of
 * flamegraph.pl and speedscope. The value of a path is its self time in nanoseconds, so the widths
 * of a flame graph are exact times; every distinct path of instrumented calls is one line.
 */
public final class CollapsedStacks implements ProfileRenderer {

    @Override
    public void render(Profile profile, String source, OutputStream target) {
        PrintWriter out = ProfileRenderer.text(target);
        walk(profile.callTree(), new ArrayDeque<>(), out);
        out.flush();
    }

    private static void walk(CallTreeNode node, Deque<String> path, PrintWriter out) {
        for (CallTreeNode child : node.children()) {
            path.addLast(frame(child));
            if (child.selfNanos() > 0) {
                out.println(String.join(";", path) + " " + child.selfNanos());
            }
            walk(child, path, out); // depth is bounded by the methods on one path: none appears twice
            path.removeLast();
        }
    }

    /**
     * {@code pkg.Cls.method}: no spaces or semicolons, which the format reserves. A frame that
     * recursive calls were folded into ends in {@code _[folded]} (the annotation style of
     * async-profiler's {@code _[j]}); a caller's calls past the node limit are {@code (other_paths)}.
     */
    static String frame(CallTreeNode node) {
        if (node.isOtherPaths()) {
            return "(other_paths)";
        }
        String name = (node.method().className() + "." + node.method().name()).replace(';', '_').replace(' ', '_');
        return node.foldedCalls() > 0 ? name + "_[folded]" : name;
    }
}
