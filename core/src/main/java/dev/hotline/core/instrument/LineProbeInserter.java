package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Puts a line probe at the start of every line-number-table entry of a method, timed:
 *
 * <pre>
 *   aload R; ldc METHOD; ldc LINE; invokestatic Probes.line(ThreadRecorder, I, I)V
 * </pre>
 *
 * or counted only ({@code linehits=}), an inline increment of the method's hit counters in local H
 * ({@link LineHitCounters} sets it up), with no call and no clock read:
 *
 * <pre>
 *   aload H; ldc K; dup2; laload; lconst_1; ladd; lastore        // hits of line probe FIRST + K
 * </pre>
 *
 * <p>The probe goes right before the entry's first instruction, after its label and stack map
 * frame, so jumps to the label run it and the frame still describes the label's offset. It changes
 * no local and leaves the stack as it found it. An entry for the same line as the code that falls
 * into it (javac splits a line's code that way around some constructs) gets no probe, so a line is
 * hit once per time execution enters it, not once per entry. A method's line probes get consecutive
 * ids. They are the only probes that go between a label and the instruction after it, so this
 * inserter puts back the labels that {@code uninitialized} frame types need on their {@code new}
 * ({@link UninitializedLabels}). {@link MethodProbePlan} runs it first, on the original code.
 */
final class LineProbeInserter implements ProbeInserter {

    /** Operand stack a timed line probe needs above what the code had there: recorder, method id, line id. */
    private static final int EXTRA_STACK = 3;
    /** Operand stack a counted line needs: array, index, array, index, then array, index, long, long. */
    private static final int COUNTED_EXTRA_STACK = 6;

    /** Registers a method's line probes: source line numbers in order → the first id. */
    interface LineRegistry {
        int register(List<Integer> lines);
    }

    private final MethodNode method;
    private final int methodProbeId;
    private final int local;
    private final boolean timed;
    private final LineRegistry registry;
    private int firstId = -1;
    private int distinctLines;

    /**
     * @param local    timed: the recorder local R; counted: the hit counters local H
     * @param registry registers the method's distinct lines as consecutive probe ids
     */
    LineProbeInserter(MethodNode method, int methodProbeId, int local, boolean timed, LineRegistry registry) {
        this.method = method;
        this.methodProbeId = methodProbeId;
        this.local = local;
        this.timed = timed;
        this.registry = registry;
    }

    @Override
    public Needs insert() {
        UninitializedLabels news = UninitializedLabels.of(method);
        int probes = insertProbes();
        news.restore();
        return probes == 0 ? Needs.NONE : new Needs(timed ? EXTRA_STACK : COUNTED_EXTRA_STACK, 0, 0);
    }

    /** Inserts the probes; returns how many entries got one. */
    private int insertProbes() {
        Set<LabelNode> targets = jumpTargets();
        List<LineNumberNode> probed = new ArrayList<>();
        List<AbstractInsnNode> before = new ArrayList<>();
        Map<Integer, Integer> indexOfLine = new LinkedHashMap<>();
        int lastLine = -1;
        for (AbstractInsnNode insn : method.instructions.toArray()) {
            if (!(insn instanceof LineNumberNode entry)) {
                continue;
            }
            AbstractInsnNode first = firstInstructionOf(entry);
            if (first == null) {
                continue; // a later entry at the same offset wins, or no code follows
            }
            boolean fallsThroughOnly = !reachedByJump(entry, targets);
            if (entry.line == lastLine && fallsThroughOnly) {
                continue;
            }
            lastLine = entry.line;
            indexOfLine.putIfAbsent(entry.line, indexOfLine.size());
            probed.add(entry);
            before.add(first);
        }
        if (probed.isEmpty()) {
            return 0;
        }
        distinctLines = indexOfLine.size();
        firstId = registry.register(new ArrayList<>(indexOfLine.keySet()));
        for (int i = 0; i < probed.size(); i++) {
            int index = indexOfLine.get(probed.get(i).line);
            method.instructions.insertBefore(before.get(i), timed ? probeCall(firstId + index) : increment(index));
        }
        return probed.size();
    }

    /** The id of the method's first line probe (-1 if it got none); the others follow it. */
    int firstId() {
        return firstId;
    }

    /** How many distinct lines got probes (the length of a counted method's hit counters). */
    int distinctLines() {
        return distinctLines;
    }

    private InsnList increment(int index) {
        InsnList inc = new InsnList();
        inc.add(new VarInsnNode(Opcodes.ALOAD, local));   // h
        inc.add(RuntimeCall.push(index));                 // h, k
        inc.add(new InsnNode(Opcodes.DUP2));              // h, k, h, k
        inc.add(new InsnNode(Opcodes.LALOAD));            // h, k, h[k]
        inc.add(new InsnNode(Opcodes.LCONST_1));          // h, k, h[k], 1
        inc.add(new InsnNode(Opcodes.LADD));              // h, k, h[k] + 1
        inc.add(new InsnNode(Opcodes.LASTORE));           // (empty)
        return inc;
    }

    private InsnList probeCall(int lineProbe) {
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, local));  // recorder
        call.add(RuntimeCall.push(methodProbeId));        // recorder, method
        call.add(RuntimeCall.push(lineProbe));            // recorder, method, line
        call.add(RuntimeCall.LINE.invoke());              // (empty)
        return call;
    }

    /** The first real instruction after the entry, or null if another line entry comes first. */
    private static AbstractInsnNode firstInstructionOf(LineNumberNode entry) {
        for (AbstractInsnNode insn = entry.getNext(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode) {
                return null;
            }
            if (insn.getOpcode() >= 0) {
                return insn;
            }
        }
        return null;
    }

    /** Whether a label between the previous instruction and this entry's code is a jump or handler target. */
    private static boolean reachedByJump(LineNumberNode entry, Set<LabelNode> targets) {
        for (AbstractInsnNode insn = entry; insn != null && insn.getOpcode() < 0; insn = insn.getPrevious()) {
            if (insn instanceof LabelNode label && targets.contains(label)) {
                return true;
            }
        }
        for (AbstractInsnNode insn = entry.getNext(); insn != null && insn.getOpcode() < 0; insn = insn.getNext()) {
            if (insn instanceof LabelNode label && targets.contains(label)) {
                return true;
            }
        }
        AbstractInsnNode previous = entry.getPrevious();
        while (previous != null && previous.getOpcode() < 0) {
            previous = previous.getPrevious();
        }
        return previous == null || isUnconditionalTransfer(previous.getOpcode());
    }

    private Set<LabelNode> jumpTargets() {
        Set<LabelNode> targets = new HashSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof JumpInsnNode jump) {
                targets.add(jump.label);
            } else if (insn instanceof TableSwitchInsnNode table) {
                targets.add(table.dflt);
                targets.addAll(table.labels);
            } else if (insn instanceof LookupSwitchInsnNode lookup) {
                targets.add(lookup.dflt);
                targets.addAll(lookup.labels);
            }
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            targets.add(block.handler);
        }
        return targets;
    }

    private static boolean isUnconditionalTransfer(int opcode) {
        return opcode == Opcodes.GOTO || opcode == Opcodes.ATHROW || opcode == Opcodes.TABLESWITCH
                || opcode == Opcodes.LOOKUPSWITCH || opcode == Opcodes.RET || opcode == Opcodes.JSR
                || (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN);
    }
}
