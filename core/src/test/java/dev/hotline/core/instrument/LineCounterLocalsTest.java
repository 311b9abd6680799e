package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.targets.LoopCounts;
import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.Profile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Which counted lines count in locals ({@link LineCounterLocals}): the shape of the instrumented
 * code, and exact counts where the locals do not cover every line. The counts of the ordinary cases
 * are in {@link LineProbesTest} ({@code LoopCounts}).
 */
class LineCounterLocalsTest {

    private static final ProbeSelection LINE_HITS_ONLY = new ProbeSelection(ClassPattern.none(), MethodSelection.none(),
            MethodSelection.parse("*"), MethodSelection.none());

    @Test
    void a_loop_counts_in_one_local_per_run_of_lines_and_the_lines_outside_it_in_the_array() throws Exception {
        MethodNode whileLoop = instrumented(InstrumentingClassLoader.read(LoopCounts.class.getName()), "whileLoop");

        // the header (a jump target, and a call) and the body (three lines and the jump back, always together)
        assertThat(localIncrements(whileLoop)).isEqualTo(2);
        // before the loop two lines, after it the return
        assertThat(arrayIncrements(whileLoop)).isEqualTo(3);
        // the body's four lines and the header: added before the return and in the handler
        assertThat(addsIntoArray(whileLoop)).isEqualTo(2 * 5);
        assertThat(whileLoop.tryCatchBlocks).hasSize(1);
    }

    @Test
    void a_constructor_counts_the_lines_before_super_in_the_array() throws Exception {
        MethodNode constructor = instrumented(InstrumentingClassLoader.read(LoopCounts.class.getName()), "<init>", "(I)V");

        // super() runs before this is initialized, where no handler can add a local; the field's
        // array, the loop's init and the closing brace run once: all four in the array
        assertThat(arrayIncrements(constructor)).isEqualTo(4);
        // the body (an array store, which may throw) and the update
        assertThat(localIncrements(constructor)).isEqualTo(2);
        assertThat(constructor.tryCatchBlocks).hasSize(1);
    }

    @Test
    void a_method_without_a_loop_gets_no_local_and_no_handler() throws Exception {
        MethodNode check = instrumented(InstrumentingClassLoader.read(LoopCounts.class.getName()), "check");

        assertThat(localIncrements(check)).isZero();
        assertThat(addsIntoArray(check)).isZero();
        assertThat(check.tryCatchBlocks).isEmpty();
        assertThat(arrayIncrements(check)).isEqualTo(3);
    }

    @Test
    void a_loop_with_more_runs_than_locals_counts_the_rest_in_the_array_exactly() throws Exception {
        int bodyLines = LineCounterLocals.MAX_LOCALS_USED + 30;
        int inLocals = LineCounterLocals.MAX_LOCALS_USED - 1; // the header takes one local: the first runs win
        byte[] original = GeneratedLoop.generate(bodyLines);
        ProbeCatalog catalog = new ProbeCatalog();
        byte[] bytes = new ClassInstrumenter(catalog, LINE_HITS_ONLY).instrument(original);

        MethodNode run = method(bytes, "run", "()V");
        assertThat(localIncrements(run)).isEqualTo(LineCounterLocals.MAX_LOCALS_USED);
        // the body lines left, the update (i++), and the two lines outside the loop
        assertThat(arrayIncrements(run)).isEqualTo(bodyLines - inLocals + 1 + 2);
        verify(bytes);

        Profile profile = TargetRunner.run(GeneratedLoop.loader(bytes), GeneratedLoop.NAME, catalog);
        Map<Integer, Long> hits = profile.lines().stream()
                .filter(l -> l.line().method().name().equals("run"))
                .collect(Collectors.toMap(l -> l.line().line(), LineProfile::hits));
        assertThat(hits).hasSize(bodyLines + 4);
        assertThat(hits.get(2)).isEqualTo(1);
        assertThat(hits.get(3)).isEqualTo(GeneratedLoop.ITERATIONS + 1);
        for (int k = 0; k < bodyLines; k++) {
            assertThat(hits.get(GeneratedLoop.FIRST_BODY_LINE + k)).as("body line %d", k).isEqualTo(GeneratedLoop.ITERATIONS);
        }
        assertThat(hits.get(GeneratedLoop.FIRST_BODY_LINE - 2)).isEqualTo(GeneratedLoop.ITERATIONS);
        assertThat(hits.get(GeneratedLoop.FIRST_BODY_LINE - 1)).isEqualTo(1);
    }

    private static MethodNode instrumented(byte[] original, String name) {
        ClassNode node = classNode(new ClassInstrumenter(new ProbeCatalog(), LINE_HITS_ONLY).instrument(original));
        return node.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    private static MethodNode instrumented(byte[] original, String name, String descriptor) {
        return method(new ClassInstrumenter(new ProbeCatalog(), LINE_HITS_ONLY).instrument(original), name, descriptor);
    }

    private static MethodNode method(byte[] bytes, String name, String descriptor) {
        return classNode(bytes).methods.stream().filter(m -> m.name.equals(name) && m.desc.equals(descriptor))
                .findFirst().orElseThrow();
    }

    private static ClassNode classNode(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }

    private static void verify(byte[] bytes) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), LineCounterLocalsTest.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
    }

    /** {@code lload C; lconst_1; ladd; lstore C}. */
    private static int localIncrements(MethodNode method) {
        int count = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.LSTORE && endsIn(insn, Opcodes.LCONST_1)
                    && insn.getPrevious().getPrevious().getPrevious() instanceof VarInsnNode load
                    && load.getOpcode() == Opcodes.LLOAD && load.var == ((VarInsnNode) insn).var) {
                count++;
            }
        }
        return count;
    }

    /** {@code ... laload; lconst_1; ladd; lastore}: h[k]++. */
    private static int arrayIncrements(MethodNode method) {
        int count = 0;
        for (AbstractInsnNode insn : method.instructions) {
            count += insn.getOpcode() == Opcodes.LASTORE && endsIn(insn, Opcodes.LCONST_1) ? 1 : 0;
        }
        return count;
    }

    /** {@code lload C; ladd} for a local C of the line probes: each add of a local into an element of the array. */
    private static int addsIntoArray(MethodNode method) {
        Set<Integer> counters = new HashSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.LSTORE && endsIn(insn, Opcodes.LCONST_1)) {
                counters.add(((VarInsnNode) insn).var);
            }
        }
        int count = 0;
        for (AbstractInsnNode insn : method.instructions) {
            count += insn.getOpcode() == Opcodes.LADD && insn.getPrevious() instanceof VarInsnNode load
                    && load.getOpcode() == Opcodes.LLOAD && counters.contains(load.var) ? 1 : 0;
        }
        return count;
    }

    /** Whether {@code insn} follows {@code ladd} which follows {@code operand}. */
    private static boolean endsIn(AbstractInsnNode insn, int operand) {
        AbstractInsnNode add = insn.getPrevious();
        return add != null && add.getOpcode() == Opcodes.LADD && add.getPrevious() != null
                && add.getPrevious().getOpcode() == operand;
    }
}
