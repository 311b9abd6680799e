package dev.hotline.core.instrument;

import dev.hotline.runtime.Probes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The locals of a method whose lines are counted ({@code linehits=}, and timed lines, whose hits
 * are counted the same way before they are timed): this thread's
 * hit counters of the method, fetched once per invocation into a new local H, and a {@code long}
 * C per run of probes in a loop ({@link LineCounterLocals}), which the counted line probes ({@link
 * LineProbeInserter}) increment, added into H once per invocation:
 *
 * <pre>
 *   ldc FIRST; ldc COUNT; invokestatic Probes.lineHits(I, I)[J; astore H   // prologue, H past every other local
 *   lconst_0; lstore C                                                      // for each C
 *   ... the code, with before every xRETURN, for each line K of the Cs' runs:
 *       aload H; ldc K; dup2; laload; lload C; ladd; lastore               // h[k] += c (+ c' ... for each
 *                                                                           // run K is in)
 *   handler:                                                                // catch-all, appended last
 *       (the same adds); athrow
 * </pre>
 *
 * <p>The handler covers everything after the prologue, the timer's handler included, so a method
 * left by an exception adds its counts too; in a constructor only the code after {@code this} is
 * initialized, where alone the locals can be non-zero ({@link ConstructorStretches}). Without a line
 * in a loop there are no C, no adds and no handler.
 *
 * <p>{@link MethodProbePlan} runs it last, after the timer if the method is also timed: the prologue
 * goes before the timer's, the adds after the timer's exit probes, both outside the method's timed
 * interval; H and the Cs are appended to every frame, the timer's included, after R.
 * Inserts nothing if the line probes found no line.
 */
final class LineHitCounters implements ProbeInserter {

    /** Operand stack of the prologue: FIRST, COUNT (or a long zero). */
    private static final int PROLOGUE_STACK = 2;
    /** Operand stack of adding a local into the array: array, index, long, long. */
    private static final int ADD_STACK = 6;

    private final String owner;
    private final MethodNode method;
    private final LineProbeInserter lines;
    private final int hitsLocal;
    private final LineCounterLocals counters;
    private final boolean writeFrames;

    /**
     * @param owner       internal name of the class declaring {@code method}
     * @param lines       the counted line probes, already inserted when this runs: their first id and count
     * @param hitsLocal   the local H (the counted line probes load it)
     * @param counters    the locals C (the counted line probes of loops increment them)
     * @param writeFrames whether the class file carries stack map frames that must be kept valid
     */
    LineHitCounters(String owner, MethodNode method, LineProbeInserter lines, int hitsLocal,
                    LineCounterLocals counters, boolean writeFrames) {
        this.owner = owner;
        this.method = method;
        this.lines = lines;
        this.hitsLocal = hitsLocal;
        this.counters = counters;
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
        InsnList code = method.instructions;
        boolean explicitFrameAtStart = FrameLocals.frameBeforeFirstInstruction(method);
        List<Object> added = addedLocals();
        FrameLocals.addToEveryFrame(method, hitsLocal, added);
        boolean inLocals = !counters.counters().isEmpty();
        if (inLocals) {
            for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
                if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN) {
                    code.insertBefore(insn, addCounters());
                }
            }
        }
        InsnList prologue = new InsnList();
        prologue.add(RuntimeCall.push(lines.firstId()));
        prologue.add(RuntimeCall.push(count));
        prologue.add(RuntimeCall.LINE_HITS.invoke());
        prologue.add(new VarInsnNode(Opcodes.ASTORE, hitsLocal));
        for (LineCounterLocals.Counter counter : counters.counters()) {
            prologue.add(new InsnNode(Opcodes.LCONST_0));
            prologue.add(new VarInsnNode(Opcodes.LSTORE, counter.slot()));
        }
        if (writeFrames && !explicitFrameAtStart) {
            // the first instruction after the prologue may be a jump target (a loop at the very start)
            Object[] locals = FrameLocals.withLocals(FrameLocals.initialLocals(owner, method), hitsLocal, added)
                    .toArray();
            prologue.add(new FrameNode(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]));
        }
        LabelNode tryStart = new LabelNode();
        if (inLocals) {
            prologue.add(tryStart);
        }
        code.insert(prologue);
        if (inLocals) {
            addHandler(tryStart);
        }
        int handlerStack = inLocals ? 1 + ADD_STACK : 0;
        return new Needs(inLocals ? ADD_STACK : 0, Math.max(PROLOGUE_STACK, handlerStack),
                hitsLocal + 1 + counters.slots());
    }

    /** H, then every C, as frames name them. */
    private List<Object> addedLocals() {
        List<Object> added = new ArrayList<>();
        added.add(RuntimeCall.LINE_HITS_ARRAY);
        for (int i = 0; i < counters.counters().size(); i++) {
            added.add(Opcodes.LONG);
        }
        return added;
    }

    /** Covers the code after the prologue (in a constructor, where {@code this} is initialized) with the handler. */
    private void addHandler(LabelNode tryStart) {
        InsnList code = method.instructions;
        LabelNode tryEnd = new LabelNode();
        code.add(tryEnd);
        List<ConstructorStretches.Stretch> stretches = "<init>".equals(method.name)
                ? ConstructorStretches.split(code, tryStart, tryEnd)
                : List.of(new ConstructorStretches.Stretch(tryStart, tryEnd, false));
        LabelNode handler = new LabelNode();
        boolean covered = false;
        for (ConstructorStretches.Stretch stretch : stretches) {
            if (!stretch.thisUninitialized() && stretch.hasCode()) {
                method.tryCatchBlocks.add(new TryCatchBlockNode(stretch.start(), stretch.end(), handler, null));
                covered = true;
            }
        }
        if (!covered) {
            return;
        }
        code.add(handler);
        if (writeFrames) {
            List<Object> locals = new ArrayList<>();
            for (int slot = 0; slot < hitsLocal; slot++) {
                locals.add(Opcodes.TOP);
            }
            locals.addAll(addedLocals());
            code.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 1,
                    new Object[] {"java/lang/Throwable"}));
        }
        code.add(addCounters());                         // throwable
        code.add(new InsnNode(Opcodes.ATHROW));          // rethrow the same exception
    }

    /** Adds every C into the elements of H of its run's lines. */
    private InsnList addCounters() {
        InsnList add = new InsnList();
        for (Map.Entry<Integer, List<Integer>> element : counters.addsByIndex().entrySet()) {
            add.add(new VarInsnNode(Opcodes.ALOAD, hitsLocal));          // h
            add.add(RuntimeCall.push(element.getKey()));                 // h, k
            add.add(new InsnNode(Opcodes.DUP2));                         // h, k, h, k
            add.add(new InsnNode(Opcodes.LALOAD));                       // h, k, h[k]
            for (int slot : element.getValue()) {
                add.add(new VarInsnNode(Opcodes.LLOAD, slot));           // h, k, h[k], c
                add.add(new InsnNode(Opcodes.LADD));                     // h, k, h[k] + c
            }
            add.add(new InsnNode(Opcodes.LASTORE));                      // (empty)
        }
        return add;
    }
}
