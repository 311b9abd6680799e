package dev.hotline.core.instrument;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.MethodRef;
import java.util.function.ToIntFunction;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Counts every allocation instruction of a method, right after it succeeded, without touching the
 * new object (handing it to a method would defeat escape analysis):
 *
 * <pre>
 *   new T                 ->  new T; aload R; ldc SITE; invokestatic Probes.allocation
 *   newarray/anewarray    ->  dup; newarray; swap; aload R; ldc SITE; ldc ELEM;
 *                             invokestatic Probes.arrayAllocation(len, R, SITE, ELEM)   // [.., array]
 *   multianewarray T n    ->  istore D(n)..D(1); iload D1..Dn; multianewarray;
 *                             aload R; ldc SITE; n; iload D1..D3 (0 if absent); ELEM;
 *                             invokestatic Probes.multiArrayAllocation                   // [.., array]
 * </pre>
 *
 * <p>Dimension copies live in temporaries past the recorder local R, only within that straight
 * stretch of code, so no stack map frame needs them. A {@code multianewarray} with more than three
 * dimensions given (no compiler emits one for real code) is counted with the bytes of its first
 * three levels, and the site type says so.
 */
final class AllocationSiteCounter implements ProbeInserter {

    private static final int MAX_EXACT_DIMENSIONS = 3;

    private final MethodNode method;
    private final int recorderLocal;
    /** D1: the first local free past R (and past the counted lines' H, if any). */
    private final int firstTemporary;
    private final ToIntFunction<AllocationSite> register;
    private final MethodRef ref;
    private final String sourceFile;

    /**
     * @param recorderLocal  R, which the timer's prologue stores
     * @param firstTemporary D1, the first local past every other probe local
     * @param register       gives a new allocation site its id
     */
    AllocationSiteCounter(MethodNode method, MethodRef ref, String sourceFile, int recorderLocal,
                          int firstTemporary, ToIntFunction<AllocationSite> register) {
        this.method = method;
        this.ref = ref;
        this.sourceFile = sourceFile;
        this.recorderLocal = recorderLocal;
        this.firstTemporary = firstTemporary;
        this.register = register;
    }

    /**
     * Inserts the counters. They need 4 operand stack slots above what the code had there around an
     * array allocation (length copy, recorder, site, element size), 7 around a multianewarray's count
     * call, and the temporaries D1...Dn for the largest n of a multianewarray.
     */
    @Override
    public Needs insert() {
        int line = 0;
        int sites = 0;
        boolean multi = false;
        int maxDims = 0;
        for (AbstractInsnNode insn : method.instructions.toArray()) {
            if (insn instanceof LineNumberNode entry) {
                line = entry.line;
                continue;
            }
            switch (insn.getOpcode()) {
                case Opcodes.NEW -> {
                    String type = Type.getObjectType(((TypeInsnNode) insn).desc).getClassName();
                    int site = register.applyAsInt(new AllocationSite(ref, sourceFile, line, type, AllocationSite.Kind.INSTANCE));
                    InsnList after = new InsnList();
                    after.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal));
                    after.add(RuntimeCall.push(site));
                    after.add(RuntimeCall.ALLOCATION.invoke());
                    method.instructions.insert(insn, after);
                    sites++;
                }
                case Opcodes.NEWARRAY, Opcodes.ANEWARRAY -> {
                    String type;
                    int elementBytes;
                    if (insn.getOpcode() == Opcodes.NEWARRAY) {
                        Type element = primitive(((IntInsnNode) insn).operand);
                        type = element.getClassName() + "[]";
                        elementBytes = bytes(element);
                    } else {
                        type = Type.getObjectType(((TypeInsnNode) insn).desc).getClassName() + "[]";
                        elementBytes = 0;
                    }
                    int site = register.applyAsInt(new AllocationSite(ref, sourceFile, line, type, AllocationSite.Kind.ARRAY));
                    method.instructions.insertBefore(insn, new InsnNode(Opcodes.DUP));       // len, len
                    InsnList after = new InsnList();                                          // len, array
                    after.add(new InsnNode(Opcodes.SWAP));                                    // array, len
                    after.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal));                 // array, len, R
                    after.add(RuntimeCall.push(site));                                        // array, len, R, site
                    after.add(RuntimeCall.push(elementBytes));                                // array, len, R, site, elem
                    after.add(RuntimeCall.ARRAY_ALLOCATION.invoke());                         // array
                    method.instructions.insert(insn, after);
                    sites++;
                }
                case Opcodes.MULTIANEWARRAY -> {
                    MultiANewArrayInsnNode array = (MultiANewArrayInsnNode) insn;
                    Type arrayType = Type.getType(array.desc);
                    int dims = array.dims;
                    String type = arrayType.getClassName()
                            + (dims > MAX_EXACT_DIMENSIONS ? " (bytes of the first 3 dimensions)" : "");
                    int site = register.applyAsInt(new AllocationSite(ref, sourceFile, line, type, AllocationSite.Kind.ARRAY));
                    int leafBytes = dims < arrayType.getDimensions() ? 0 : bytes(arrayType.getElementType());
                    method.instructions.insertBefore(insn, storeAndReload(dims));
                    method.instructions.insert(insn, multiArrayCount(site, dims, leafBytes));
                    multi = true;
                    maxDims = Math.max(maxDims, dims);
                    sites++;
                }
                default -> { }
            }
        }
        if (sites == 0) {
            return Needs.NONE;
        }
        return multi ? new Needs(7, 0, firstTemporary + maxDims) : new Needs(4, 0, 0);
    }

    /** Keeps a copy of the dimensions in temporaries D1..Dn and puts them back for the instruction. */
    private InsnList storeAndReload(int dims) {
        InsnList code = new InsnList();
        int first = firstTemporary;
        for (int d = dims - 1; d >= 0; d--) {
            code.add(new VarInsnNode(Opcodes.ISTORE, first + d));
        }
        for (int d = 0; d < dims; d++) {
            code.add(new VarInsnNode(Opcodes.ILOAD, first + d));
        }
        return code;
    }

    /** After the array exists: counts it with the dimensions kept in D1..D3. */
    private InsnList multiArrayCount(int site, int dims, int leafBytes) {
        InsnList code = new InsnList();
        int first = firstTemporary;
        code.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal));
        code.add(RuntimeCall.push(site));
        code.add(RuntimeCall.push(Math.min(dims, MAX_EXACT_DIMENSIONS)));
        for (int d = 0; d < MAX_EXACT_DIMENSIONS; d++) {
            code.add(d < dims ? new VarInsnNode(Opcodes.ILOAD, first + d) : new InsnNode(Opcodes.ICONST_0));
        }
        code.add(RuntimeCall.push(dims > MAX_EXACT_DIMENSIONS ? 0 : leafBytes));
        code.add(RuntimeCall.MULTI_ARRAY_ALLOCATION.invoke());
        return code;
    }

    private static Type primitive(int operand) {
        return switch (operand) {
            case Opcodes.T_BOOLEAN -> Type.BOOLEAN_TYPE;
            case Opcodes.T_CHAR -> Type.CHAR_TYPE;
            case Opcodes.T_FLOAT -> Type.FLOAT_TYPE;
            case Opcodes.T_DOUBLE -> Type.DOUBLE_TYPE;
            case Opcodes.T_BYTE -> Type.BYTE_TYPE;
            case Opcodes.T_SHORT -> Type.SHORT_TYPE;
            case Opcodes.T_INT -> Type.INT_TYPE;
            case Opcodes.T_LONG -> Type.LONG_TYPE;
            default -> throw new IllegalArgumentException("newarray operand " + operand);
        };
    }

    /** Element size in an array: 1, 2, 4, 8 for primitives, 0 for references. */
    private static int bytes(Type element) {
        return switch (element.getSort()) {
            case Type.BOOLEAN, Type.BYTE -> 1;
            case Type.CHAR, Type.SHORT -> 2;
            case Type.INT, Type.FLOAT -> 4;
            case Type.LONG, Type.DOUBLE -> 8;
            default -> 0;
        };
    }
}
