package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.targets.Allocations;
import dev.hotline.core.instrument.targets.LineCounts;
import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.runtime.Probes;
import dev.hotline.runtime.ThreadRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** The probe vocabulary against the real runtime, and the instrumented code against the vocabulary. */
class RuntimeCallTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(RuntimeCall.class)
    void each_call_names_exactly_one_public_static_method_of_Probes_with_its_descriptor(RuntimeCall call) {
        List<Method> named = Arrays.stream(Probes.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(call.methodName()))
                .toList();
        assertThat(named).as("Probes methods named %s", call.methodName()).hasSize(1);
        Method method = named.get(0);
        assertThat(Type.getMethodDescriptor(method)).isEqualTo(call.descriptor());
        assertThat(Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
                .as("%s is public static", method).isTrue();
    }

    @Test
    void the_owner_and_the_types_of_the_added_locals_are_the_runtime_s() throws Exception {
        assertThat(RuntimeCall.OWNER).isEqualTo(Type.getInternalName(Probes.class));
        assertThat(RuntimeCall.RECORDER).isEqualTo(Type.getInternalName(ThreadRecorder.class));
        assertThat(Probes.class.getMethod(RuntimeCall.RECORDER_FETCH.methodName()).getReturnType())
                .isEqualTo(ThreadRecorder.class);
        assertThat(Probes.class.getMethod(RuntimeCall.ENTER.methodName(), ThreadRecorder.class, int.class)
                .getReturnType()).as("T, the caller's node").isEqualTo(int.class);
        assertThat(RuntimeCall.LINE_HITS_ARRAY).isEqualTo(Type.getDescriptor(
                Probes.class.getMethod(RuntimeCall.LINE_HITS.methodName(), int.class, int.class).getReturnType()));
    }

    @Test
    void of_recognizes_each_call_and_nothing_else() {
        for (RuntimeCall call : RuntimeCall.values()) {
            assertThat(RuntimeCall.of(call.invoke())).isEqualTo(call);
        }
        assertThat(RuntimeCall.of(new MethodInsnNode(Opcodes.INVOKESTATIC, "com/acme/Probes", "enter",
                RuntimeCall.ENTER.descriptor(), false))).isNull();
        assertThat(RuntimeCall.of(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeCall.OWNER, "enter", "(J)V", false)))
                .isNull();
        assertThat(RuntimeCall.of(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeCall.OWNER, "reserveLineHits",
                "(I)V", false))).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -32769, -32768, -129, -128, -2, -1, 0, 5, 6, 127, 128, 32767, 32768,
            Integer.MAX_VALUE})
    void push_uses_the_shortest_instruction_and_pushed_reads_it_back(int value) {
        AbstractInsnNode push = RuntimeCall.push(value);
        int expected = value >= -1 && value <= 5 ? Opcodes.ICONST_0 + value
                : value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE ? Opcodes.BIPUSH
                : value >= Short.MIN_VALUE && value <= Short.MAX_VALUE ? Opcodes.SIPUSH
                : Opcodes.LDC;
        assertThat(push.getOpcode()).isEqualTo(expected);
        assertThat(RuntimeCall.pushed(push)).hasValue(value);
    }

    @Test
    void pushed_reads_no_value_from_other_instructions() {
        assertThat(RuntimeCall.pushed(null)).isEmpty();
        assertThat(RuntimeCall.pushed(new IntInsnNode(Opcodes.NEWARRAY, Opcodes.T_INT))).isEmpty();
        assertThat(RuntimeCall.pushed(new LdcInsnNode(1L))).isEmpty();
        assertThat(RuntimeCall.pushed(new LdcInsnNode("1"))).isEmpty();
    }

    @Test
    void instrumented_code_calls_the_runtime_only_through_the_vocabulary_and_uses_all_of_it() throws IOException {
        MethodSelection all = MethodSelection.parse("*");
        List<ProbeSelection> modes = List.of(
                new ProbeSelection(null, all, MethodSelection.none(), all),
                new ProbeSelection(ClassPattern.none(), MethodSelection.none(), all, MethodSelection.none()));
        Set<RuntimeCall> seen = EnumSet.noneOf(RuntimeCall.class);
        List<String> unknown = new ArrayList<>();
        for (ProbeSelection probes : modes) {
            for (Class<?> target : List.of(Allocations.class, LineCounts.class)) {
                byte[] instrumented = new ClassInstrumenter(new ProbeCatalog(), probes).instrument(bytesOf(target));
                ClassNode node = new ClassNode();
                new ClassReader(instrumented).accept(node, 0);
                for (MethodNode method : node.methods) {
                    for (AbstractInsnNode insn : method.instructions) {
                        if (insn instanceof MethodInsnNode call && call.owner.startsWith("dev/hotline/runtime/")) {
                            RuntimeCall known = RuntimeCall.of(call);
                            if (known == null) {
                                unknown.add(call.owner + "." + call.name + call.desc);
                            } else {
                                seen.add(known);
                            }
                        }
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(seen).containsExactlyInAnyOrder(RuntimeCall.values());
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
