package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generated classes for the scale tests: gen.P0 .. gen.P(n-1), each with one {@code public static
 * int work()} returning i + 1 ({@link #write}), or one class of many methods {@code public static
 * int m<k>()} returning k + 1 ({@link #wide}).
 */
final class GeneratedClasses {

    private GeneratedClasses() {
    }

    /** The directory (the class path root, holding {@code gen/}) with {@code count} classes in it. */
    static Path write(String name, int count) throws IOException {
        Path root = ChildJvm.WORK.toAbsolutePath().resolve(name);
        Path gen = Files.createDirectories(root.resolve("gen"));
        for (int i = 0; i < count; i++) {
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/P" + i, null, "java/lang/Object", null);
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "work", "()I", null, null);
            mv.visitCode();
            mv.visitLdcInsn(i + 1);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            Files.write(gen.resolve("P" + i + ".class"), cw.toByteArray());
        }
        return root;
    }

    /** Class {@code internalName} with {@code methods} methods {@code public static int m<k>()}, each returning k + 1. */
    static byte[] wide(String internalName, int methods) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        for (int m = 0; m < methods; m++) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m" + m, "()I", null, null);
            mv.visitCode();
            mv.visitLdcInsn(m + 1);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
