package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.bytecode.CodeAttributes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/** A method that would pass the JVM's 64 KB code limit once instrumented is left as it is. */
class MethodTooLargeTest {

    @Test
    void a_method_too_large_once_instrumented_is_left_untouched_and_the_rest_of_the_class_is_instrumented() throws Exception {
        byte[] original = generate();
        ProbeCatalog catalog = new ProbeCatalog();
        ClassInstrumenter.Result result = new ClassInstrumenter(catalog,
                new ProbeSelection(null, MethodSelection.parse("gen.Big"), MethodSelection.none(), MethodSelection.none()))
                .instrument(original, null);

        assertThat(result.tooLarge()).containsExactly("huge()I");
        Map<String, CodeAttributes.Code> before = CodeAttributes.of(original);
        Map<String, CodeAttributes.Code> after = CodeAttributes.of(result.bytes());
        assertThat(after.get("huge()I")).isEqualTo(before.get("huge()I"));
        assertThat(after.get("small()I").length()).isGreaterThan(before.get("small()I").length());

        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(result.bytes()), getClass().getClassLoader(), false, new PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("gen.Big", result.bytes(), 0, result.bytes().length);
            }
        }.define();
        Method huge = type.getMethod("huge");
        Method small = type.getMethod("small");
        assertThat(huge.invoke(null)).isEqualTo(LINES);
        assertThat(small.invoke(null)).isEqualTo(1);
    }

    private static final int LINES = 12_000;

    /** huge(): 12,000 one-instruction lines (about 36 KB; a line probe adds about 8 bytes each). */
    private static byte[] generate() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Big", null, "java/lang/Object", null);
        cw.visitSource("Big.java", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "huge", "()I", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 0);
        for (int line = 1; line <= LINES; line++) {
            Label label = new Label();
            mv.visitLabel(label);
            mv.visitLineNumber(line, label);
            mv.visitIincInsn(0, 1);
        }
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "small", "()I", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
