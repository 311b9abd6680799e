package dev.hotline.core.instrument;

import dev.hotline.runtime.Probes;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
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
 * <p>Runs last, after {@link MethodTimerInserter} if the method is also timed: the prologue goes
 * before the timer's, and H is appended to every frame, the timer's included.
 */
final class LineHitCounters {

    private static final String HITS = "[J";

    private LineHitCounters() {
    }

    /**
     * @param hitsLocal   the local H (the counted line probes already load it)
     * @param writeFrames whether the class file carries stack map frames that must be kept valid
     */
    static void insertPrologue(String owner, MethodNode method, int firstLine, int count, int hitsLocal,
                               boolean writeFrames) {
        // the shared fallback array must be long enough before this code can run (it throws, failing
        // the transform, if it cannot be made)
        Probes.reserveLineHits(count);
        boolean explicitFrameAtStart = FrameLocals.frameBeforeFirstInstruction(method);
        FrameLocals.addToEveryFrame(method, hitsLocal, HITS);
        InsnList prologue = new InsnList();
        prologue.add(LineProbeInserter.push(firstLine));
        prologue.add(LineProbeInserter.push(count));
        prologue.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Probes.INTERNAL_NAME, "lineHits", "(II)[J", false));
        prologue.add(new VarInsnNode(Opcodes.ASTORE, hitsLocal));
        if (writeFrames && !explicitFrameAtStart) {
            // the first instruction after the prologue may be a jump target (a loop at the very start)
            Object[] locals = FrameLocals.withLocal(FrameLocals.initialLocals(owner, method), hitsLocal, HITS).toArray();
            prologue.add(new FrameNode(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]));
        }
        method.instructions.insert(prologue);
        method.maxLocals = Math.max(method.maxLocals, hitsLocal + 1);
        method.maxStack = Math.max(method.maxStack, 2);
    }
}
