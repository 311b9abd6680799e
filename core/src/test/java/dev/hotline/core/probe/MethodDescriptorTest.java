package dev.hotline.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dump reader refuses what ASM cannot take apart, and accepts every descriptor a JVM has. */
class MethodDescriptorTest {

    @ParameterizedTest
    @ValueSource(strings = {"()V", "(I)I", "([[Ljava/lang/String;J)[D", "(Lpkg/Outer$Inner;ZBCSFD)Ljava/lang/Object;",
        "()[[I"})
    void a_jvm_method_descriptor_is_one(String descriptor) {
        assertThat(MethodRef.isMethodDescriptor(descriptor)).isTrue();
        assertThat(new MethodRef("a.B", "m", descriptor).displayName()).startsWith("a.B.m(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "V", "(", "()", "(V)V", "(I", "()VV", "(L;)V", "(Ljava/lang/String)V", "([)V", "()[V",
        "(Q)V", "()I;", "x()V"})
    void anything_else_is_not(String descriptor) {
        assertThat(MethodRef.isMethodDescriptor(descriptor)).as(descriptor).isFalse();
    }
}
