package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.List;
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
 * Wraps one method's code in a timer:
 *
 * <pre>
 *   invokestatic Probes.recorder()ThreadRecorder; dup; astore R      // prologue, R = original maxLocals
 *   ldc ID; invokestatic Probes.enter(ThreadRecorder, I)I; istore T  // T = R + 1
 *   ... original code, with before every xRETURN:
 *       aload R; iload T; ldc ID; invokestatic Probes.exit(ThreadRecorder, I, I)V
 *   handler:                                                          // catch-all, appended last
 *       aload R; ldc ID; invokestatic Probes.exitThrown(ThreadRecorder, I)V; athrow
 * </pre>
 *
 * <p>T is the index of the caller's call-tree node, which {@code enter} read before moving the
 * thread's top to the callee's node: handed back to {@code exit}, it is the top to return to
 * without reading it from the callee's node, so one call's exit and the next call's enter do not
 * wait for each other's loads (see {@code ThreadRecorder#exit}).
 *
 * <p>The recorder and T live in new locals just past the method's own locals, so no original
 * instruction needs remapping; every existing stack map frame gets them appended
 * ({@link FrameLocals}). Requires frames expanded ({@code ClassReader.EXPAND_FRAMES}).
 *
 * <p>Constructors: the handler covers a constructor's code in stretches, each by the handler for
 * its state of {@code this} ({@link ConstructorStretches}), and an exception thrown by the super
 * constructor itself passes uncounted: the frame it leaves on the shadow stack is dropped by the next
 * exit below it ({@code ThreadRecorder.unwindTo}).
 */
final class MethodTimerInserter implements ProbeInserter {

    /** Operand stack an exit probe needs above a return value: recorder, caller, id. */
    private static final int EXTRA_STACK = 3;
    /** Operand stack of the handler: throwable, recorder, id. */
    private static final int HANDLER_STACK = 3;

    private final String owner;
    private final MethodNode method;
    private final int probeId;
    private final boolean writeFrames;
    private final int recorderLocal;
    private final int callerLocal;

    /**
     * @param owner         internal name of the class declaring {@code method}
     * @param writeFrames   whether the class file carries stack map frames that must be kept valid
     * @param recorderLocal R: the method's original maxLocals (T, the caller's node, is R + 1)
     */
    MethodTimerInserter(String owner, MethodNode method, int probeId, boolean writeFrames, int recorderLocal) {
        this.owner = owner;
        this.method = method;
        this.probeId = probeId;
        this.writeFrames = writeFrames;
        this.recorderLocal = recorderLocal;
        this.callerLocal = recorderLocal + 1;
    }

    /** The types of R and T in stack map frames. */
    static List<Object> frameTypes() {
        return List.of(RuntimeCall.RECORDER, Opcodes.INTEGER);
    }

    @Override
    public Needs insert() {
        InsnList code = method.instructions;
        boolean explicitFrameAtStart = FrameLocals.frameBeforeFirstInstruction(method);
        FrameLocals.addToEveryFrame(method, recorderLocal, frameTypes());
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (isReturn(insn.getOpcode())) {
                code.insertBefore(insn, exitCall());
            }
        }
        LabelNode tryStart = new LabelNode();
        InsnList prologue = new InsnList();
        prologue.add(RuntimeCall.RECORDER_FETCH.invoke());
        prologue.add(new InsnNode(Opcodes.DUP));
        prologue.add(new VarInsnNode(Opcodes.ASTORE, recorderLocal));
        prologue.add(RuntimeCall.push(probeId));
        prologue.add(RuntimeCall.ENTER.invoke());
        prologue.add(new VarInsnNode(Opcodes.ISTORE, callerLocal));
        if (writeFrames && !explicitFrameAtStart) {
            // The first original instruction may be a jump target; it is no longer at offset 0, so
            // it needs an explicit frame: the method's initial frame plus the recorder and T.
            Object[] locals = FrameLocals.withLocals(FrameLocals.initialLocals(owner, method), recorderLocal,
                    frameTypes()).toArray();
            prologue.add(new FrameNode(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]));
        }
        prologue.add(tryStart);
        code.insert(prologue);

        LabelNode tryEnd = new LabelNode();
        code.add(tryEnd);
        if ("<init>".equals(method.name)) {
            ConstructorStretches.split(code, tryStart, tryEnd).forEach(this::cover);
        } else {
            cover(new ConstructorStretches.Stretch(tryStart, tryEnd, false));
        }
        return new Needs(EXTRA_STACK, HANDLER_STACK, callerLocal + 1);
    }

    private LabelNode initializedHandler;
    private LabelNode uninitializedHandler;

    /** A catch-all entry for the stretch pointing at the handler for its state of {@code this}. */
    private void cover(ConstructorStretches.Stretch stretch) {
        if (!stretch.hasCode()) {
            return; // the JVM rejects empty exception ranges
        }
        boolean thisUninitialized = stretch.thisUninitialized();
        LabelNode handler = thisUninitialized ? uninitializedHandler : initializedHandler;
        if (handler == null) {
            handler = addHandler(thisUninitialized);
            if (thisUninitialized) {
                uninitializedHandler = handler;
            } else {
                initializedHandler = handler;
            }
        }
        method.tryCatchBlocks.add(new TryCatchBlockNode(stretch.start(), stretch.end(), handler, null));
    }

    /** Appends a handler block: exit by exception, rethrow. Returns its label. */
    private LabelNode addHandler(boolean thisUninitialized) {
        LabelNode handler = new LabelNode();
        InsnList code = new InsnList();
        code.add(handler);
        if (writeFrames) {
            List<Object> locals = new ArrayList<>();
            for (int slot = 0; slot < recorderLocal; slot++) {
                locals.add(slot == 0 && thisUninitialized ? Opcodes.UNINITIALIZED_THIS : Opcodes.TOP);
            }
            locals.addAll(frameTypes());
            code.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"}));
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal)); // recorder
        code.add(RuntimeCall.push(probeId));                     // recorder, id
        code.add(RuntimeCall.EXIT_THROWN.invoke());              // (empty)
        code.add(new InsnNode(Opcodes.ATHROW));
        method.instructions.add(code);
        return handler;
    }

    private InsnList exitCall() {
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal)); // recorder
        call.add(new VarInsnNode(Opcodes.ILOAD, callerLocal));   // recorder, caller
        call.add(RuntimeCall.push(probeId));                     // recorder, caller, id
        call.add(RuntimeCall.EXIT.invoke());                     // (empty)
        return call;
    }

    private static boolean isReturn(int opcode) {
        return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
    }
}
