package dev.hotline.core.compare;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.util.HashMap;
import java.util.Map;

/**
 * One frame of the differential flame graph: a node of the second run's call tree, the node of the
 * same path (the same methods from the outermost call down) in the first run, and whether the
 * frame's time per call changed beyond noise.
 *
 * <p>The time per call on a path is the node's {@code totalNanos / calls}. The test is
 * {@link MethodChange#meansDiffer}, {@code diff}'s test of the mean: the call tree keeps no
 * histogram per path, so the spread is the method's own latency histogram in each run, over all its
 * paths. Where a method's paths differ in cost that spread is wider than one path's, which makes the
 * test more cautious, never bolder. The draws are the path's timed calls: its calls, times the
 * method's share of timed calls where its timing was sampled. Below {@link MethodChange#MIN_CALLS}
 * calls in either run a frame is not judged, as in {@code diff}.
 *
 * @param before   the same path in the first run; null if the path is new
 * @param relative the relative change of the time per call (0.1 = +10%); NaN for a new path
 */
public record FrameChange(CallTreeNode after, CallTreeNode before, Verdict verdict, double relative) {

    /** What a frame's change is. */
    public enum Verdict {
        /** The path has no completed call in the first run. */
        NEW,
        /** Too few calls in either run ({@link MethodChange#MIN_CALLS}) to judge, or no completed call in the second. */
        NOT_JUDGED,
        /** The difference is what the spread of the recorded calls explains. */
        WITHIN_NOISE,
        SLOWER,
        FASTER
    }

    /** Judges {@code after} against {@code before} (null: the path is new). */
    public static FrameChange of(CallTreeNode before, CallTreeNode after, Profile beforeProfile, Profile afterProfile) {
        if (before == null || before.calls() == 0) {
            return new FrameChange(after, before, after.calls() == 0 ? Verdict.NOT_JUDGED : Verdict.NEW, Double.NaN);
        }
        if (after.calls() == 0) {
            return new FrameChange(after, before, Verdict.NOT_JUDGED, Double.NaN);
        }
        double meanBefore = (double) before.totalNanos() / before.calls();
        double meanAfter = (double) after.totalNanos() / after.calls();
        double relative = meanBefore == 0 ? (meanAfter == 0 ? 0 : Double.POSITIVE_INFINITY) : (meanAfter - meanBefore) / meanBefore;
        MethodProfile methodBefore = beforeProfile.method(before.method());
        MethodProfile methodAfter = afterProfile.method(after.method());
        if (before.calls() < MethodChange.MIN_CALLS || after.calls() < MethodChange.MIN_CALLS
                || methodBefore == null || methodAfter == null) {
            return new FrameChange(after, before, Verdict.NOT_JUDGED, relative);
        }
        boolean differs = MethodChange.meansDiffer(meanBefore, methodBefore.histogram().getStdDeviation(), draws(before, methodBefore),
                meanAfter, methodAfter.histogram().getStdDeviation(), draws(after, methodAfter));
        Verdict verdict = !differs ? Verdict.WITHIN_NOISE : meanAfter > meanBefore ? Verdict.SLOWER : Verdict.FASTER;
        return new FrameChange(after, before, verdict, relative);
    }

    /** The timed calls behind a node's times: all its calls, or its share of its method's timed calls. */
    private static double draws(CallTreeNode node, MethodProfile method) {
        return method.calls() == 0 ? node.calls() : node.calls() * ((double) method.timedCalls() / method.calls());
    }

    /** The change of this frame's time in the second run: its calls times the change of its time per call. */
    public double nanosChanged() {
        if (before == null || before.calls() == 0 || after.calls() == 0) {
            return after.totalNanos();
        }
        return after.totalNanos() - (double) before.totalNanos() / before.calls() * after.calls();
    }

    /** The children of {@code node} by method, to find the same path in the other run. */
    public static Map<MethodRef, CallTreeNode> childrenByMethod(CallTreeNode node) {
        Map<MethodRef, CallTreeNode> children = new HashMap<>();
        if (node != null) {
            for (CallTreeNode child : node.children()) {
                children.put(child.method(), child);
            }
        }
        return children;
    }
}
