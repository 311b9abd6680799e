package dev.hotline.core.report;

import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a report says about the shape of its call tree, in the header of the views that draw it:
 * how many recursive calls were folded into the frame of their method's outermost running call,
 * and how many calls went past the node limit into "(other paths)". The per-method figures are
 * exact either way; only the flame graph's paths are bounded.
 */
public final class CallTreeNote {

    private CallTreeNote() {
    }

    /** The sentences, one per line, without indentation; none when nothing was folded or capped. */
    public static List<String> lines(Profile profile) {
        SessionFacts facts = profile.facts();
        List<String> lines = new ArrayList<>();
        long folded = facts.count(SessionKeys.FOLDED_CALLS);
        if (folded > 0) {
            lines.add(folded + " recursive calls folded into the frame of their method's outermost running call"
                    + " (marked \u21bb, or _[folded] in folded stacks); counts, times and callers stay exact");
        }
        long other = facts.count(SessionKeys.OTHER_PATH_CALLS);
        if (other > 0) {
            lines.add(other + " calls past the call tree's node limit of "
                    + facts.count(SessionKeys.CALL_TREE_LIMIT_PER_THREAD) + " per thread ("
                    + facts.count(SessionKeys.CALL_TREE_LIMIT_TOTAL) + " in all; option calltree=) are drawn as their"
                    + " caller's \"(other paths)\"; counts, times and callers stay exact");
        }
        return lines;
    }

    /** Nodes of the merged tree, its root left out. */
    public static long nodes(Profile profile) {
        long nodes = 0;
        Deque<CallTreeNode> pending = new ArrayDeque<>();
        pending.push(profile.callTree());
        while (!pending.isEmpty()) {
            for (CallTreeNode child : pending.pop().children()) {
                nodes++;
                pending.push(child);
            }
        }
        return nodes;
    }
}
