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
 *   ldc ID; invokestatic Probes.enter(I)ThreadRecorder; astore R    // prologue, R = original maxLocals
 *   ... original code, with before every xRETURN:
 *       aload R; ldc ID; invokestatic Probes.exit(ThreadRecorder, I)V
 *   handler:                                                          // catch-all, appended last
 *       aload R; ldc ID; invokestatic Probes.exitThrown(ThreadRecorder, I)V; athrow
 * </pre>
 *
 * <p>The recorder lives in a new local just past the method's own locals, so no original
 * instruction needs remapping; every existing stack map frame gets that local appended
 * ({@link FrameLocals}). Requires frames expanded ({@code ClassReader.EXPAND_FRAMES}).
 *
 * <p>Constructors: the handler covers a constructor's code in stretches, each by the handler for
 * its state of {@code this} ({@link ConstructorStretches}), and an exception thrown by the super
 * constructor itself passes uncounted: the frame it leaves on the shadow stack is dropped by the next
 * exit below it ({@code ThreadRecorder.unwindTo}).
 */
final class MethodTimerInserter implements ProbeInserter {

    /** Operand stack an exit probe needs above a return value: recorder, id. */
    private static final int EXTRA_STACK = 2;
    /** Operand stack of the handler: throwable, recorder, id. */
    private static final int HANDLER_STACK = 3;

    private final String owner;
    private final MethodNode method;
    private final int probeId;
    private final boolean writeFrames;
    private final int recorderLocal;

    /**
     * @param owner         internal name of the class declaring {@code method}
     * @param writeFrames   whether the class file carries stack map frames that must be kept valid
     * @param recorderLocal R: the method's original maxLocals
     */
    MethodTimerInserter(String owner, MethodNode method, int probeId, boolean writeFrames, int recorderLocal) {
        this.owner = owner;
        this.method = method;
        this.probeId = probeId;
        this.writeFrames = writeFrames;
        this.recorderLocal = recorderLocal;
    }

    @Override
    public Needs insert() {
        InsnList code = method.instructions;
        boolean explicitFrameAtStart = FrameLocals.frameBeforeFirstInstruction(method);
        FrameLocals.addToEveryFrame(method, recorderLocal, RuntimeCall.RECORDER);
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (isReturn(insn.getOpcode())) {
                code.insertBefore(insn, probeCall(RuntimeCall.EXIT));
            }
        }
        LabelNode tryStart = new LabelNode();
        InsnList prologue = new InsnList();
        prologue.add(RuntimeCall.push(probeId));
        prologue.add(RuntimeCall.ENTER.invoke());
        prologue.add(new VarInsnNode(Opcodes.ASTORE, recorderLocal));
        if (writeFrames && !explicitFrameAtStart) {
            // The first original instruction may be a jump target; it is no longer at offset 0, so
            // it needs an explicit frame: the method's initial frame plus the recorder.
            Object[] locals = FrameLocals.withLocal(FrameLocals.initialLocals(owner, method), recorderLocal,
                    RuntimeCall.RECORDER).toArray();
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
        return new Needs(EXTRA_STACK, HANDLER_STACK, recorderLocal + 1);
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
            locals.add(RuntimeCall.RECORDER);
            code.add(new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"}));
        }
        code.add(probeCall(RuntimeCall.EXIT_THROWN));
        code.add(new InsnNode(Opcodes.ATHROW));
        method.instructions.add(code);
        return handler;
    }

    private InsnList probeCall(RuntimeCall exit) {
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal)); // recorder
        call.add(RuntimeCall.push(probeId));                     // recorder, id
        call.add(exit.invoke());                                 // (empty)
        return call;
    }

    private static boolean isReturn(int opcode) {
        return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
    }
}
