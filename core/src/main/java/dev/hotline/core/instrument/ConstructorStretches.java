package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Where a constructor's {@code this} is uninitialized and where it is initialized, for the
 * catch-all handlers the probes add ({@link MethodTimerInserter}, {@link LineHitCounters}).
 *
 * <p>Until {@code super(...)}/{@code this(...)} has run, local 0 is {@code uninitializedThis}, and a
 * handler covering such code must say so in its frame (flagThisUninit, JVMS 4.10.1.4), while one
 * covering later code must not. No frame fits the call itself (HotSpot checks it in both states), so
 * a handler covers a constructor in stretches, each of one state, and leaves those calls uncovered.
 *
 * <p>Walking the code in order, the state starts uninitialized, is reset by every stack map frame
 * (local 0 {@code uninitializedThis} or not) and turns initialized after each {@code invokespecial
 * <init>} not paired with an earlier {@code new} (a frame's {@code uninitialized} stack entries count
 * as pending {@code new}s). For javac's constructors that is one stretch before the call and one
 * after it; code generators such as Groovy's call {@code super(...)} in several branches, which gives
 * more stretches.
 */
final class ConstructorStretches {

    /** Instructions from {@code start} to {@code end} that run in one state of {@code this}. */
    record Stretch(LabelNode start, LabelNode end, boolean thisUninitialized) {

        /** Whether an instruction lies between start and end (the JVM rejects empty exception ranges). */
        boolean hasCode() {
            for (AbstractInsnNode insn = start; insn != null && insn != end; insn = insn.getNext()) {
                if (insn.getOpcode() >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A change of state: a frame that says the other one, or the call that initializes {@code this}. */
    private record Change(AbstractInsnNode at, boolean initializingCall, boolean uninitializedAfter) {
    }

    private ConstructorStretches() {
    }

    /**
     * Splits the constructor code in {@code [start, end)} into stretches of one state, inserting a
     * label at each change; the calls that initialize {@code this} lie in no stretch. A stretch may
     * hold no instruction ({@link Stretch#hasCode}).
     */
    static List<Stretch> split(InsnList code, LabelNode start, LabelNode end) {
        List<Stretch> stretches = new ArrayList<>();
        LabelNode from = start;
        boolean uninitialized = true;
        for (Change change : changes(start.getNext(), end)) {
            if (change.initializingCall()) {
                LabelNode before = new LabelNode();
                LabelNode after = new LabelNode();
                code.insertBefore(change.at(), before);
                code.insert(change.at(), after);
                stretches.add(new Stretch(from, before, true));
                from = after;
            } else {
                LabelNode split = new LabelNode();
                code.insertBefore(change.at(), split);
                stretches.add(new Stretch(from, split, uninitialized));
                from = split;
            }
            uninitialized = change.uninitializedAfter();
        }
        stretches.add(new Stretch(from, end, uninitialized));
        return stretches;
    }

    /** The instructions of a constructor that run before {@code this} is initialized (the initializing calls included). */
    static Set<AbstractInsnNode> uninitializedCode(MethodNode constructor) {
        Set<AbstractInsnNode> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Change> changes = changes(constructor.instructions.getFirst(), null);
        int next = 0;
        boolean uninitialized = true;
        for (AbstractInsnNode insn = constructor.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (next < changes.size() && changes.get(next).at() == insn && !changes.get(next).initializingCall()) {
                uninitialized = changes.get(next++).uninitializedAfter(); // a frame: it describes its own offset
            }
            if (uninitialized) {
                out.add(insn);
            }
            if (next < changes.size() && changes.get(next).at() == insn) {
                uninitialized = changes.get(next++).uninitializedAfter(); // the initializing call
            }
        }
        return out;
    }

    private static List<Change> changes(AbstractInsnNode first, AbstractInsnNode end) {
        List<Change> changes = new ArrayList<>();
        boolean uninitialized = true;
        int pendingNews = 0;
        for (AbstractInsnNode insn = first; insn != null && insn != end; insn = insn.getNext()) {
            if (insn instanceof FrameNode frame) {
                boolean frameUninitialized = frame.local != null && !frame.local.isEmpty()
                        && frame.local.get(0) == Opcodes.UNINITIALIZED_THIS;
                pendingNews = 0;
                if (frame.stack != null) {
                    for (Object type : frame.stack) {
                        pendingNews += type instanceof LabelNode ? 1 : 0; // uninitialized(new) values
                    }
                }
                if (frameUninitialized != uninitialized) {
                    changes.add(new Change(insn, false, frameUninitialized));
                    uninitialized = frameUninitialized;
                }
            } else if (insn.getOpcode() == Opcodes.NEW) {
                pendingNews++;
            } else if (insn.getOpcode() == Opcodes.INVOKESPECIAL && "<init>".equals(((MethodInsnNode) insn).name)) {
                if (pendingNews > 0) {
                    pendingNews--;
                } else if (uninitialized) {
                    changes.add(new Change(insn, true, false));
                    uninitialized = false;
                }
            }
        }
        return changes;
    }
}
