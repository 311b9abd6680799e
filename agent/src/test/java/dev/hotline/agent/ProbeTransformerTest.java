package dev.hotline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.ClassInstrumenter;
import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.options.ClassSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.targets.Greeter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTransformerTest {

    private static final ClassLoader LOADER = ProbeTransformerTest.class.getClassLoader();
    private static final String GREETER = ClassFiles.internalName(Greeter.class);

    private final ProbeCatalog catalog = new ProbeCatalog();
    private final TransformStats stats = new TransformStats();

    private ProbeTransformer transformer(String rawOptions, BiConsumer<String, ClassLoader> onInstrumented) {
        AgentOptions options = AgentOptions.parse(rawOptions);
        return new ProbeTransformer(new ClassFilter(ClassSelection.of(options)),
                new ClassInstrumenter(catalog, ProbeSelection.of(options)), stats, onInstrumented);
    }

    @Test
    void a_selected_class_gets_a_timer_line_probes_and_allocation_counters_and_still_runs() throws Exception {
        List<String> told = new ArrayList<>();
        ProbeTransformer transformer = transformer("lines=dev.hotline.targets.*,alloc=dev.hotline.targets.*",
                (name, loader) -> told.add(name + " in " + (loader == LOADER ? "the test's loader" : loader)));
        byte[] original = ClassFiles.of(Greeter.class);

        byte[] instrumented = transformer.transform(LOADER, GREETER, null, null, original);

        assertThat(instrumented).isNotNull().isNotEqualTo(original);
        assertThat(new String(instrumented, StandardCharsets.ISO_8859_1)).contains("dev/hotline/runtime/Probes");
        assertThat(catalog.methodCount()).as("timed methods: <init>, greet").isEqualTo(2);
        assertThat(catalog.lineCount()).as("line probes").isPositive();
        assertThat(catalog.allocationCount()).as("allocation sites: new StringBuilder").isEqualTo(1);
        assertThat(stats.instrumented()).isEqualTo(1);
        assertThat(stats.failed()).isZero();
        assertThat(told).containsExactly("dev.hotline.targets.Greeter in the test's loader");
        Object greeter = ClassFiles.define(Greeter.class.getName(), instrumented).getConstructor().newInstance();
        assertThat(greeter.getClass().getMethod("greet", String.class).invoke(greeter, "Ann")).isEqualTo("hello, Ann");
    }

    @Test
    void a_class_the_options_do_not_select_is_left_alone() {
        ProbeTransformer transformer = transformer("includes=com.acme.*", null);

        assertThat(transformer.transform(LOADER, GREETER, null, null, ClassFiles.of(Greeter.class))).isNull();
        assertThat(catalog.methodCount()).isZero();
        assertThat(stats.instrumented()).isZero();
    }

    @Test
    void hotline_itself_jdk_classes_and_hidden_classes_are_left_alone() {
        ProbeTransformer transformer = transformer("", null);

        assertThat(transformer.transform(LOADER, ClassFiles.internalName(AgentSession.class), null, null,
                ClassFiles.of(AgentSession.class))).as("hotline's own").isNull();
        assertThat(transformer.transform(null, GREETER, null, null, ClassFiles.of(Greeter.class)))
                .as("the bootstrap loader's").isNull();
        assertThat(transformer.transform(LOADER, null, null, null, ClassFiles.of(Greeter.class))).as("hidden").isNull();
        assertThat(stats.instrumented()).isZero();
        assertThat(stats.failed()).isZero();
    }

    @Test
    void a_class_whose_transform_fails_loads_unchanged_and_is_counted() {
        ProbeTransformer transformer = transformer("", null);

        byte[] result = transformer.transform(LOADER, "dev/hotline/targets/Broken", null, null, new byte[] {(byte) 0xCA, 0x7E});

        assertThat(result).isNull();
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.instrumented()).isZero();
    }

    @Test
    void dumpclasses_writes_the_original_and_the_instrumented_bytes(@TempDir Path dir) throws Exception {
        ProbeTransformer transformer = transformer("", null).dumpingTo(new ClassFileDumper(dir));
        byte[] original = ClassFiles.of(Greeter.class);

        byte[] instrumented = transformer.transform(LOADER, GREETER, null, null, original);

        assertThat(Files.readAllBytes(dir.resolve("original/" + GREETER + ".class"))).isEqualTo(original);
        assertThat(Files.readAllBytes(dir.resolve("instrumented/" + GREETER + ".class"))).isEqualTo(instrumented);
    }
}
