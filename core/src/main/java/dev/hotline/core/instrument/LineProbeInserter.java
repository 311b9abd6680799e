package dev.hotline.core.instrument;

import dev.hotline.runtime.Probes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Puts a line probe at the start of every line-number-table entry of a method:
 *
 * <pre>
 *   aload R; ldc METHOD; ldc LINE; invokestatic Probes.line(ThreadRecorder, I, I)V
 * </pre>
 *
 * <p>The probe goes right before the entry's first instruction, after its label and stack map
 * frame, so jumps to the label run it and the frame still describes the label's offset. It changes
 * no local and leaves the stack as it found it. An entry for the same line as the code that falls
 * into it (javac splits a line's code that way around some constructs) gets no probe, so a line is
 * hit once per time execution enters it, not once per entry. Must run before
 * {@link MethodTimerInserter}, which provides the recorder local R.
 */
final class LineProbeInserter {

    private static final String LINE_DESC = "(Ldev/hotline/runtime/ThreadRecorder;II)V";

    private final MethodNode method;
    private final int methodProbeId;
    private final int recorderLocal;
    private final IntUnaryOperator lineProbeIds;

    /** @param lineProbeIds source line number to line probe id (registers the probe) */
    LineProbeInserter(MethodNode method, int methodProbeId, int recorderLocal, IntUnaryOperator lineProbeIds) {
        this.method = method;
        this.methodProbeId = methodProbeId;
        this.recorderLocal = recorderLocal;
        this.lineProbeIds = lineProbeIds;
    }

    /** Operand stack a line probe needs above what the code had there: recorder, method id, line id. */
    static final int EXTRA_STACK = 3;

    /** Inserts the probes (the caller raises maxStack by {@link #EXTRA_STACK}); returns how many entries got one. */
    int insert() {
        Set<LabelNode> targets = jumpTargets();
        Map<Integer, Integer> probeOfLine = new HashMap<>();
        int lastLine = -1;
        int probes = 0;
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
            int lineProbe = probeOfLine.computeIfAbsent(entry.line, lineProbeIds::applyAsInt);
            method.instructions.insertBefore(first, probeCall(lineProbe));
            probes++;
        }
        return probes;
    }

    private InsnList probeCall(int lineProbe) {
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal)); // recorder
        call.add(push(methodProbeId));                           // recorder, method
        call.add(push(lineProbe));                               // recorder, method, line
        call.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Probes.INTERNAL_NAME, "line", LINE_DESC, false));
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

    static AbstractInsnNode push(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }
}
