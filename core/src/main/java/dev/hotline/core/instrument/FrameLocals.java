package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Stack map frame locals for the locals the probes add past a method's own (the recorder, the
 * line hit counters and their locals). Frames are rewritten, never computed: computing them needs the class
 * hierarchy, i.e. loading classes inside {@code transform}.
 */
final class FrameLocals {

    private FrameLocals() {
    }

    /** Frame locals (F_NEW form: long/double take one entry) padded with TOP to {@code slot}, then {@code type}. */
    static List<Object> withLocal(List<Object> locals, int slot, Object type) {
        return withLocals(locals, slot, List.of(type));
    }

    /**
     * Frame locals padded with TOP to {@code slot}, then {@code types} in consecutive slots from
     * there (a long or double takes two slots and one entry).
     */
    static List<Object> withLocals(List<Object> locals, int slot, List<Object> types) {
        List<Object> out = new ArrayList<>(locals == null ? List.of() : locals);
        int slots = 0;
        for (Object local : out) {
            slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < slot; slots++) {
            out.add(Opcodes.TOP);
        }
        out.addAll(types);
        return out;
    }

    /** Appends {@code type} at {@code slot} to every frame of {@code method} (frames must be expanded). */
    static void addToEveryFrame(MethodNode method, int slot, Object type) {
        addToEveryFrame(method, slot, List.of(type));
    }

    /** Appends {@code types} from {@code slot} on to every frame of {@code method} (frames must be expanded). */
    static void addToEveryFrame(MethodNode method, int slot, List<Object> types) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof FrameNode frame) {
                if (frame.type != Opcodes.F_NEW) {
                    throw new IllegalStateException("frames must be expanded (ClassReader.EXPAND_FRAMES)");
                }
                frame.local = withLocals(frame.local, slot, types);
            }
        }
    }

    /** The locals on entry to the method (JVMS 4.10.1.6), before any padding. */
    static List<Object> initialLocals(String owner, MethodNode method) {
        List<Object> locals = new ArrayList<>();
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            locals.add("<init>".equals(method.name) ? Opcodes.UNINITIALIZED_THIS : owner);
        }
        for (Type arg : Type.getArgumentTypes(method.desc)) {
            switch (arg.getSort()) {
                case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> locals.add(Opcodes.INTEGER);
                case Type.FLOAT -> locals.add(Opcodes.FLOAT);
                case Type.LONG -> locals.add(Opcodes.LONG);
                case Type.DOUBLE -> locals.add(Opcodes.DOUBLE);
                default -> locals.add(arg.getInternalName()); // object or array descriptor
            }
        }
        return locals;
    }

    /** Whether a frame comes before the method's first instruction (its first instruction is a jump target). */
    static boolean frameBeforeFirstInstruction(MethodNode method) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof FrameNode) {
                return true;
            }
            if (insn.getOpcode() >= 0) {
                return false;
            }
        }
        return false;
    }
}
