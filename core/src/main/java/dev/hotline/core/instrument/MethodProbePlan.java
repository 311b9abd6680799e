package dev.hotline.core.instrument;

import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.LineRef;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.MethodNode;

/**
 * Everything decided about one method before any code is inserted: which kinds of probe it gets,
 * the locals they add past the method's own, and the order their inserters run in. With
 * {@code R} = the method's original {@code maxLocals}:
 *
 * <pre>
 *   local   holds                              stored by            read by
 *   R       this thread's recorder (timed)     the timer prologue   exits, handler, timed lines, allocations
 *   T       the caller's call-tree node (int)  the timer prologue   exits
 *           (R + 1)
 *   H       the lines' long[] hits             the H prologue       line probes, the adds of the Cs
 *           (R + 2 when timed, else R)
 *   C1..Cm  a long per run of line probes      the H prologue (0)   the run's first probe, the adds into H
 *           in a loop (past H, two slots each)                       (before returns, in the H handler)
 *   D1..Dn  a multianewarray's dimensions      right before it      its counter, right after it
 *           (past the Cs with line probes, else past T; live only there, so in no frame)
 * </pre>
 *
 * <p>The inserters run in this order:
 *
 * <ol>
 *   <li>{@link LineProbeInserter}, counting each hit (increments a C or H) and, for timed lines, calling
 *       the runtime (reads R and T): first, so where
 *       the probes go is decided on the original code alone ({@link LinePositions}, as are the Cs:
 *       {@link LineCounterLocals}), and because only line probes go between a label and its
 *       instruction;
 *   <li>{@link AllocationSiteCounter} (reads R, uses D1..Dn), after each allocation instruction;
 *   <li>{@link MethodTimerInserter}: wraps everything inserted so far: the prologue storing R and T,
 *       the exits, the catch-all handler; appends R and T to every frame;
 *   <li>{@link LineHitCounters}: the prologue storing H and zeroing the Cs goes before everything
 *       else, outside the timer's handler range (the handler's frame says H holds its array); the
 *       adds of the Cs into H go right before each return, after the timer's exit probe, and in a
 *       catch-all handler that covers the timer's; H and the Cs are appended to every frame after T,
 *       the timer's frames included.
 * </ol>
 *
 * <p>Each inserter leaves the stack as it found it and reports what it needs ({@link
 * ProbeInserter.Needs}); {@link #run} then sets {@code maxStack} to the method's own plus the largest
 * extra of any one kind (not their sum) and at least what the prologues and handler need, and
 * {@code maxLocals} to cover every added local.
 *
 * <p>A new kind of probe is one more {@link ProbeInserter}, a flag in {@link Kinds}, its place (and
 * any local) here, and its runtime entry point in {@link RuntimeCall} (docs/architecture.md, "Adding
 * a probe kind", lists every step).
 */
final class MethodProbePlan {

    /**
     * The kinds of probe one method gets.
     *
     * @param timer        a method timer (also what timed lines and allocation counters read R from)
     * @param timedLines   line probes with times
     * @param countedLines line probes that only count hits ({@code linehits=}, where {@code lines=} does not
     *                     select the method)
     * @param allocations  allocation counters
     */
    record Kinds(boolean timer, boolean timedLines, boolean countedLines, boolean allocations) {

        static Kinds of(ProbeSelection probes, String className, String methodName) {
            return new Kinds(probes.times(className, methodName), probes.timesLines(className, methodName),
                    probes.countsLines(className, methodName), probes.countsAllocations(className, methodName));
        }

        /**
         * Whether the method is rewritten at all. Timed lines and allocation counters only come with a
         * timer ({@link ProbeSelection#times} selects their classes), so a timer or counted lines.
         */
        boolean any() {
            return timer || countedLines;
        }

        /** Whether line hits are counted inline (H, the Cs): counted lines, and timed lines too. */
        boolean linesCounted() {
            return timedLines || countedLines;
        }
    }

    /**
     * The method being instrumented.
     *
     * @param owner       internal name of its class
     * @param ref         how the probe ids name it
     * @param sourceFile  its class's source file with the package path, as line and allocation ids name it
     * @param probeId     its method probe id, -1 without a timer
     * @param writeFrames whether its class file carries stack map frames that must be kept valid
     * @param lineLocals  whether counted lines in loops may count in locals (false: all in the array,
     *                    which adds less code: the retry for a method that would pass 64 KB)
     */
    record Target(String owner, MethodRef ref, String sourceFile, int probeId, boolean writeFrames,
                  boolean lineLocals) {
    }

    private final MethodNode method;
    private final List<ProbeInserter> inserters = new ArrayList<>();
    private final int lineCounterLocals;

    /** Plans {@code method} as it is now, before anything is inserted. */
    MethodProbePlan(MethodNode method, Target target, Kinds kinds, ProbeCatalog catalog) {
        this.method = method;
        int recorderLocal = method.maxLocals;                                       // R (and T = R + 1)
        int pastTimer = kinds.timer() ? recorderLocal + 2 : recorderLocal;
        int hitsLocal = pastTimer;                                                  // H
        boolean linesCounted = kinds.linesCounted();
        LinePositions positions = linesCounted ? LinePositions.of(method) : null;
        LineCounterLocals counters = linesCounted                                   // C1..Cm
                ? LineCounterLocals.plan(method, positions, hitsLocal + 1, target.lineLocals())
                : LineCounterLocals.none();
        this.lineCounterLocals = counters.counters().size();
        int firstTemporary = linesCounted ? hitsLocal + 1 + counters.slots() : pastTimer; // D1

        LineProbeInserter lines = null;
        LineProbeInserter.LineRegistry registry = numbers -> catalog.registerLines(numbers.stream()
                .map(line -> new LineRef(target.ref(), target.sourceFile(), line)).toList(), kinds.timedLines());
        if (kinds.timedLines()) {
            lines = LineProbeInserter.timed(method, positions, target.probeId(), recorderLocal, hitsLocal, counters,
                    registry);
            inserters.add(lines);
        } else if (kinds.countedLines()) {
            lines = LineProbeInserter.counted(method, positions, hitsLocal, counters, registry);
            inserters.add(lines);
        }
        if (kinds.allocations()) {
            inserters.add(new AllocationSiteCounter(method, target.ref(), target.sourceFile(), recorderLocal,
                    firstTemporary, catalog::registerAllocation));
        }
        if (kinds.timer()) {
            inserters.add(new MethodTimerInserter(target.owner(), method, target.probeId(), target.writeFrames(),
                    recorderLocal));
        }
        if (linesCounted) {
            inserters.add(new LineHitCounters(target.owner(), method, lines, hitsLocal, counters,
                    target.writeFrames()));
        }
    }

    /** How many counted lines count in locals (C1..Cm). */
    int lineCounterLocals() {
        return lineCounterLocals;
    }

    /** Runs the inserters in order, then sets the method's maxStack and maxLocals from what they need. */
    void run() {
        int extraStack = 0;
        int minStack = 0;
        int minLocals = method.maxLocals;
        for (ProbeInserter inserter : inserters) {
            ProbeInserter.Needs needs = inserter.insert();
            extraStack = Math.max(extraStack, needs.extraStack());
            minStack = Math.max(minStack, needs.minStack());
            minLocals = Math.max(minLocals, needs.minLocals());
        }
        method.maxStack = Math.max(method.maxStack + extraStack, minStack);
        method.maxLocals = minLocals;
    }
}
