package dev.hotline.core.instrument;

import dev.hotline.runtime.Probes;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The prologue of a method whose lines are counted without times ({@code linehits=}): fetches this
 * thread's hit counters of the method once per invocation into a new local H, which the counted
 * line probes ({@link LineProbeInserter}) increment inline:
 *
 * <pre>
 *   ldc FIRST; ldc COUNT; invokestatic Probes.lineHits(I, I)[J; astore H     // H past every other local
 * </pre>
 *
 * <p>{@link MethodProbePlan} runs it last, after the timer if the method is also timed: the
 * prologue goes before the timer's, outside the timer's handler range, so H holds its array wherever
 * that handler's frame says it does; and H is appended to every frame, the timer's included, after R.
 * Inserts nothing if the line probes found no line.
 */
final class LineHitCounters implements ProbeInserter {

    /** Operand stack of the prologue: FIRST, COUNT. */
    private static final int PROLOGUE_STACK = 2;

    private final String owner;
    private final MethodNode method;
    private final LineProbeInserter lines;
    private final int hitsLocal;
    private final boolean writeFrames;

    /**
     * @param owner       internal name of the class declaring {@code method}
     * @param lines       the counted line probes, already inserted when this runs: their first id and count
     * @param hitsLocal   the local H (the counted line probes load it)
     * @param writeFrames whether the class file carries stack map frames that must be kept valid
     */
    LineHitCounters(String owner, MethodNode method, LineProbeInserter lines, int hitsLocal, boolean writeFrames) {
        this.owner = owner;
        this.method = method;
        this.lines = lines;
        this.hitsLocal = hitsLocal;
        this.writeFrames = writeFrames;
    }

    @Override
    public Needs insert() {
        if (lines.firstId() < 0) {
            return Needs.NONE; // no line got a probe, so nothing reads H
        }
        int count = lines.distinctLines();
        // the shared fallback array must be long enough before this code can run (it throws, failing
        // the transform, if it cannot be made)
        Probes.reserveLineHits(count);
        boolean explicitFrameAtStart = FrameLocals.frameBeforeFirstInstruction(method);
        FrameLocals.addToEveryFrame(method, hitsLocal, RuntimeCall.LINE_HITS_ARRAY);
        InsnList prologue = new InsnList();
        prologue.add(RuntimeCall.push(lines.firstId()));
        prologue.add(RuntimeCall.push(count));
        prologue.add(RuntimeCall.LINE_HITS.invoke());
        prologue.add(new VarInsnNode(Opcodes.ASTORE, hitsLocal));
        if (writeFrames && !explicitFrameAtStart) {
            // the first instruction after the prologue may be a jump target (a loop at the very start)
            Object[] locals = FrameLocals.withLocal(FrameLocals.initialLocals(owner, method), hitsLocal,
                    RuntimeCall.LINE_HITS_ARRAY).toArray();
            prologue.add(new FrameNode(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]));
        }
        method.instructions.insert(prologue);
        return new Needs(0, PROLOGUE_STACK, hitsLocal + 1);
    }
}
