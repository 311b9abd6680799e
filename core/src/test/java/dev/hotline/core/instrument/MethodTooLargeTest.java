package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.bytecode.CodeAttributes;
import dev.hotline.core.profile.Profile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * A method that would pass the JVM's 64 KB code limit once instrumented is left as it is, or, if its
 * counted lines' locals are what makes it too large, counted in the array instead.
 */
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

    @Test
    void a_method_too_large_with_line_counter_locals_is_counted_in_the_array_instead() throws Exception {
        ProbeSelection lineHits = new ProbeSelection(ClassPattern.none(), MethodSelection.none(),
                MethodSelection.parse(GeneratedLoop.NAME), MethodSelection.none());
        // the longest loop that fits with every line counted in the array: the locals' adds take more room
        int low = 1_000;
        int high = 8_000;
        while (low + 1 < high) {
            int middle = (low + high) >>> 1;
            if (fitsWithoutLineLocals(GeneratedLoop.generate(middle), lineHits)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        byte[] original = GeneratedLoop.generate(low);
        ProbeCatalog catalog = new ProbeCatalog();
        ClassInstrumenter.Result result = new ClassInstrumenter(catalog, lineHits).instrument(original, null);

        assertThat(result.tooLarge()).isEmpty();
        assertThat(CodeAttributes.of(result.bytes()).get("run()V").length()).isGreaterThan(60_000);
        ClassNode instrumented = new ClassNode();
        new ClassReader(result.bytes()).accept(instrumented, 0);
        MethodNode run = instrumented.methods.stream().filter(m -> m.name.equals("run")).findFirst().orElseThrow();
        assertThat(run.instructions.toArray()).as("no line counter locals")
                .noneMatch(insn -> insn.getOpcode() == Opcodes.LSTORE);
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(result.bytes()), getClass().getClassLoader(), false, new PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
        Profile profile = TargetRunner.run(GeneratedLoop.loader(result.bytes()), GeneratedLoop.NAME, catalog);
        assertThat(profile.lines()).hasSize(low + 5).allSatisfy(line -> assertThat(line.hits()).isEqualTo(
                switch (line.line().line()) {
                    case 1, 2, GeneratedLoop.FIRST_BODY_LINE - 1 -> 1L; // the constructor, i = 0, the return
                    case 3 -> GeneratedLoop.ITERATIONS + 1L;
                    default -> (long) GeneratedLoop.ITERATIONS;
                }));
    }

    /** Whether the class fits with its counted lines all in the array (no line counter locals). */
    private static boolean fitsWithoutLineLocals(byte[] classFile, ProbeSelection probes) {
        ClassWriter writer = new ClassWriter(ClassInstrumenter.WRITER_FLAGS);
        new ClassReader(classFile).accept(new ProbeClassVisitor(writer, new ProbeCatalog(), probes, Set.of(),
                Set.of("run()V"), null), ClassInstrumenter.READER_FLAGS);
        try {
            writer.toByteArray();
            return true;
        } catch (MethodTooLargeException e) {
            return false;
        }
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
