package dev.hotline.bench.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Synthetic application classes for the start-up and heap benchmarks: class {@code GenN} has
 * {@code methods} static methods {@code mK(int)} (a few lines each, with a branch) and a static
 * {@code all(int)} that calls each of them once; its static initializer calls {@code all(N)}, so
 * initializing the class runs every method once.
 */
public final class GeneratedClasses {

    /** Package of the start-up benchmark's classes (a jar on the class path). */
    public static final String PACKAGE = "dev/hotline/bench/gen/app/";
    /** Package of the heap benchmark's classes (defined from bytes; never on the class path). */
    public static final String HEAP_PACKAGE = "dev/hotline/bench/gen/heap/";

    private GeneratedClasses() {
    }

    public static byte[] generate(int index, int methods) {
        return generate(PACKAGE, index, methods);
    }

    /** @param pkg internal package name with a trailing slash */
    public static byte[] generate(String pkg, int index, int methods) {
        String name = pkg + "Gen" + index;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", null);
        cw.visitSource("Gen" + index + ".java", null);
        int line = 1;
        for (int k = 0; k < methods; k++) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC, "m" + k, "(I)I", null, null);
            mv.visitCode();
            Label l1 = new Label();
            mv.visitLabel(l1);
            mv.visitLineNumber(line++, l1);
            Label odd = new Label();
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitInsn(Opcodes.IAND);
            mv.visitJumpInsn(Opcodes.IFNE, odd);
            Label l2 = new Label();
            mv.visitLabel(l2);
            mv.visitLineNumber(line++, l2);
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitLdcInsn(k + 1);
            mv.visitInsn(Opcodes.IADD);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitLabel(odd);
            mv.visitLineNumber(line++, odd);
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitLdcInsn(k + 3);
            mv.visitInsn(Opcodes.IMUL);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor all = cw.visitMethod(Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC, "all", "(I)I", null, null);
        all.visitCode();
        all.visitVarInsn(Opcodes.ILOAD, 0);
        for (int k = 0; k < methods; k++) {
            all.visitMethodInsn(Opcodes.INVOKESTATIC, name, "m" + k, "(I)I", false);
        }
        all.visitInsn(Opcodes.IRETURN);
        all.visitMaxs(0, 0);
        all.visitEnd();
        MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitLdcInsn(index);
        clinit.visitMethodInsn(Opcodes.INVOKESTATIC, name, "all", "(I)I", false);
        clinit.visitInsn(Opcodes.POP);
        clinit.visitInsn(Opcodes.RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Writes {@code classes} classes of {@code methods} methods each into a jar (unless it exists). */
    public static void writeJar(Path jar, int classes, int methods) throws IOException {
        if (Files.exists(jar)) {
            return;
        }
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
            for (int i = 0; i < classes; i++) {
                out.putNextEntry(new JarEntry(PACKAGE + "Gen" + i + ".class"));
                out.write(generate(i, methods));
                out.closeEntry();
            }
        }
        Files.move(tmp, jar);
    }
}
