package dev.hotline.core.instrument;

import dev.hotline.runtime.Probes;
import java.util.OptionalInt;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The probe vocabulary: every static method of {@link Probes} that instrumented code calls, with its
 * name and descriptor, the types the added locals hold, and how an {@code int} argument is pushed.
 * The inserters build their calls from here and the bytecode listing recognizes them from here, so
 * nothing else spells a runtime name or descriptor ({@code RuntimeCallTest} checks each against
 * {@code Probes} by reflection). Instrumented code passes only the recorder and {@code int}s: the
 * runtime sits in the bootstrap loader, where every class loader can see it.
 */
public enum RuntimeCall {

    /** {@code Probes.recorder() -> recorder}: the timer's prologue, stored in R. */
    RECORDER_FETCH("recorder", "()Ldev/hotline/runtime/ThreadRecorder;"),
    /** {@code Probes.enter(recorder, methodId) -> caller}: the timer's prologue, the caller's node stored in T. */
    ENTER("enter", "(Ldev/hotline/runtime/ThreadRecorder;I)I"),
    /** {@code Probes.exit(recorder, caller, methodId)}: before every return. */
    EXIT("exit", "(Ldev/hotline/runtime/ThreadRecorder;II)V"),
    /** {@code Probes.exitThrown(recorder, methodId)}: the timer's catch-all handler, which rethrows. */
    EXIT_THROWN("exitThrown", "(Ldev/hotline/runtime/ThreadRecorder;I)V"),
    /** {@code Probes.line(recorder, caller, methodId, lineId)}: a timed line probe (caller: T). */
    LINE("line", "(Ldev/hotline/runtime/ThreadRecorder;III)V"),
    /** {@code Probes.lineHits(firstLine, count) -> long[]}: the counted lines' prologue, stored in H. */
    LINE_HITS("lineHits", "(II)[J"),
    /** {@code Probes.allocation(recorder, site)}: after a {@code new}. */
    ALLOCATION("allocation", "(Ldev/hotline/runtime/ThreadRecorder;I)V"),
    /**
     * {@code Probes.arrayAllocation(length, recorder, site, elementBytes)}: after a {@code newarray} or
     * {@code anewarray}.
     */
    ARRAY_ALLOCATION("arrayAllocation", "(ILdev/hotline/runtime/ThreadRecorder;II)V"),
    /**
     * {@code Probes.multiArrayAllocation(recorder, site, dims, d1, d2, d3, leafBytes)}: after a
     * {@code multianewarray}.
     */
    MULTI_ARRAY_ALLOCATION("multiArrayAllocation", "(Ldev/hotline/runtime/ThreadRecorder;IIIIII)V");

    /** The class every call goes to. */
    public static final String OWNER = Probes.INTERNAL_NAME;
    /** Internal name of the recorder type: local R in stack map frames (T, the caller's node, is an int). */
    public static final String RECORDER = "dev/hotline/runtime/ThreadRecorder";
    /** Descriptor of the counted lines' hit counters: local H in stack map frames. */
    public static final String LINE_HITS_ARRAY = "[J";

    private final String methodName;
    private final String descriptor;

    RuntimeCall(String methodName, String descriptor) {
        this.methodName = methodName;
        this.descriptor = descriptor;
    }

    /** The name of the {@code Probes} method. */
    public String methodName() {
        return methodName;
    }

    /** Its JVM descriptor. */
    public String descriptor() {
        return descriptor;
    }

    /** A new {@code invokestatic} of this method. */
    MethodInsnNode invoke() {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, OWNER, methodName, descriptor, false);
    }

    /** Which runtime call {@code insn} is; null if it is none of these. */
    public static RuntimeCall of(AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode call && insn.getOpcode() == Opcodes.INVOKESTATIC
                && call.owner.equals(OWNER)) {
            for (RuntimeCall known : values()) {
                if (known.methodName.equals(call.name) && known.descriptor.equals(call.desc)) {
                    return known;
                }
            }
        }
        return null;
    }

    /** The shortest instruction that pushes {@code value}: iconst_*, bipush, sipush or ldc. */
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

    /** The constant {@code insn} pushes if it is one of the instructions {@link #push} makes. */
    public static OptionalInt pushed(AbstractInsnNode insn) {
        if (insn == null) {
            return OptionalInt.empty();
        }
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
            return OptionalInt.of(opcode - Opcodes.ICONST_0);
        } else if ((opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) && insn instanceof IntInsnNode push) {
            return OptionalInt.of(push.operand);
        } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer value) {
            return OptionalInt.of(value);
        }
        return OptionalInt.empty();
    }
}
