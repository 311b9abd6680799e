package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Keeps stack map frames' {@code uninitialized(offset)} types pointing at their {@code new}.
 *
 * <p>Such a type names the offset of the {@code new} instruction through a label (JVMS 4.10.1.2).
 * A probe inserted between that label and the {@code new} (a line probe whose line starts with
 * {@code new Foo(a ? b : c)}) would move the label off the instruction. {@link #of} remembers, per
 * label used that way, its {@code new}; {@link #restore} gives each a fresh label right before its
 * {@code new} again and points the frames at it.
 */
final class UninitializedLabels {

    private final MethodNode method;
    private final Map<LabelNode, AbstractInsnNode> newOfLabel;

    private UninitializedLabels(MethodNode method, Map<LabelNode, AbstractInsnNode> newOfLabel) {
        this.method = method;
        this.newOfLabel = newOfLabel;
    }

    static UninitializedLabels of(MethodNode method) {
        Map<LabelNode, AbstractInsnNode> newOfLabel = new HashMap<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof FrameNode frame) {
                collect(frame.local, newOfLabel);
                collect(frame.stack, newOfLabel);
            }
        }
        return new UninitializedLabels(method, newOfLabel);
    }

    private static void collect(List<Object> types, Map<LabelNode, AbstractInsnNode> newOfLabel) {
        if (types == null) {
            return;
        }
        for (Object type : types) {
            if (type instanceof LabelNode label && !newOfLabel.containsKey(label)) {
                AbstractInsnNode insn = label.getNext();
                while (insn != null && insn.getOpcode() < 0) {
                    insn = insn.getNext();
                }
                if (insn != null && insn.getOpcode() == Opcodes.NEW) {
                    newOfLabel.put(label, insn);
                }
            }
        }
    }

    void restore() {
        Map<LabelNode, LabelNode> moved = new HashMap<>();
        for (Map.Entry<LabelNode, AbstractInsnNode> entry : newOfLabel.entrySet()) {
            AbstractInsnNode insn = entry.getKey().getNext();
            while (insn != null && insn.getOpcode() < 0) {
                insn = insn.getNext();
            }
            if (insn != entry.getValue()) {
                LabelNode fresh = new LabelNode();
                method.instructions.insertBefore(entry.getValue(), fresh);
                moved.put(entry.getKey(), fresh);
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof FrameNode frame) {
                frame.local = remap(frame.local, moved);
                frame.stack = remap(frame.stack, moved);
            }
        }
    }

    private static List<Object> remap(List<Object> types, Map<LabelNode, LabelNode> moved) {
        if (types == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(types.size());
        for (Object type : types) {
            out.add(type instanceof LabelNode label && moved.containsKey(label) ? moved.get(label) : type);
        }
        return out;
    }
}
