package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Where a method's line probes go, decided on its original code alone: one probe right before the
 * first instruction of every line-number-table entry, except an entry that another entry follows
 * before any instruction (the later one wins) and an entry for the same line as the last probed one
 * that is reached only by falling through (javac splits a line's code that way around some
 * constructs), so a line is hit once per time execution enters it, not once per entry.
 *
 * @param probes the probes in code order
 * @param lines  the distinct source lines in order of first appearance; a probe's {@code index} is its
 *               line's position here (its line probe id is the method's first id plus that index)
 */
record LinePositions(List<Probe> probes, List<Integer> lines) {

    /**
     * One probe.
     *
     * @param before the original instruction the probe goes right before
     * @param index  its line's index in {@link #lines}
     */
    record Probe(AbstractInsnNode before, int line, int index) {
    }

    static LinePositions of(MethodNode method) {
        Set<LabelNode> targets = jumpTargets(method);
        List<Probe> probes = new ArrayList<>();
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
            probes.add(new Probe(first, entry.line, indexOfLine.get(entry.line)));
        }
        return new LinePositions(List.copyOf(probes), List.copyOf(indexOfLine.keySet()));
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

    /** The labels a jump, a switch or an exception handler goes to. */
    static Set<LabelNode> jumpTargets(MethodNode method) {
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
