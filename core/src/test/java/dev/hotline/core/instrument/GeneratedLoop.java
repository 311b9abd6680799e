package dev.hotline.core.instrument;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A generated validation target: {@code gen.Loop}, a Runnable whose {@code run()} runs a loop of
 * {@code bodyLines} lines {@link #ITERATIONS} times, each line a call (so no two of them always run
 * together: each is a run of probes of its own, see {@link LineCounterLocals}). Its lines:
 *
 * <pre>
 *   1                          constructor
 *   2                          int i = 0                      hits: 1
 *   3                          while (i &lt; ITERATIONS)        hits: ITERATIONS + 1
 *   FIRST_BODY_LINE + k        noop()                         hits: ITERATIONS
 *   FIRST_BODY_LINE - 2        i++                            hits: ITERATIONS
 *   FIRST_BODY_LINE - 1        return                         hits: 1
 * </pre>
 */
final class GeneratedLoop {

    static final String NAME = "gen.Loop";
    static final int ITERATIONS = 1_000;
    static final int FIRST_BODY_LINE = 10;

    private GeneratedLoop() {
    }

    static byte[] generate(int bodyLines) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Loop", null, "java/lang/Object",
                new String[] {"java/lang/Runnable"});
        cw.visitSource("Loop.java", null);

        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        line(mv, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_STATIC, "noop", "()V", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "()V", null, null);
        mv.visitCode();
        line(mv, 2);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 1);
        Label condition = line(mv, 3);
        Label end = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitIntInsn(Opcodes.SIPUSH, ITERATIONS);
        mv.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        for (int k = 0; k < bodyLines; k++) {
            line(mv, FIRST_BODY_LINE + k);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "gen/Loop", "noop", "()V", false);
        }
        line(mv, FIRST_BODY_LINE - 2);
        mv.visitIincInsn(1, 1);
        mv.visitJumpInsn(Opcodes.GOTO, condition);
        mv.visitLabel(end);
        mv.visitLineNumber(FIRST_BODY_LINE - 1, end);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static Label line(MethodVisitor mv, int line) {
        Label label = new Label();
        mv.visitLabel(label);
        mv.visitLineNumber(line, label);
        return label;
    }

    /** A loader that defines {@code gen.Loop} from the given bytes and delegates everything else. */
    static ClassLoader loader(byte[] bytes) {
        return new ClassLoader(GeneratedLoop.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals(NAME)) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }
}
