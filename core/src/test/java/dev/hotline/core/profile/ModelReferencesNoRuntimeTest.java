package dev.hotline.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;

/**
 * The profile model and what reads it (the dump format, the reports, the comparison) must not
 * depend on the runtime or on the live capture that fills the model from it: a dump can be read,
 * reported and compared without any of {@code dev.hotline.runtime}. Every string constant of their
 * class files (class references, descriptors, signatures, string literals) is checked.
 */
class ModelReferencesNoRuntimeTest {

    private static final int CONSTANT_UTF8 = 1;
    private static final List<String> FORBIDDEN = List.of(
            "dev/hotline/runtime", "dev.hotline.runtime", "dev/hotline/core/capture", "dev.hotline.core.capture");

    @ParameterizedTest
    @ValueSource(strings = {"profile", "dump", "report", "compare", "metrics"})
    void the_package_references_neither_the_runtime_nor_the_capture(String pkg) throws IOException {
        List<Path> classFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Paths.get("target", "classes", "dev", "hotline", "core", pkg))) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(classFiles::add);
        }
        assertThat(classFiles).as("compiled classes of dev.hotline.core.%s", pkg).isNotEmpty();

        TreeSet<String> references = new TreeSet<>();
        for (Path file : classFiles) {
            for (String constant : utf8Constants(Files.readAllBytes(file))) {
                if (FORBIDDEN.stream().anyMatch(constant::contains)) {
                    references.add(file.getFileName() + " -> " + constant);
                }
            }
        }
        assertThat(references).as("references from dev.hotline.core.%s to the runtime or the capture", pkg).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev/hotline/core/capture/RuntimeSnapshot.class", "dev/hotline/core/capture/ThreadRetirement.class"})
    void the_scan_finds_the_runtime_where_it_is_referenced(String classFile) throws IOException {
        List<String> constants = utf8Constants(Files.readAllBytes(Paths.get("target", "classes").resolve(classFile)));

        assertThat(constants).anyMatch(c -> c.contains("dev/hotline/runtime"));
    }

    private static List<String> utf8Constants(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        List<String> constants = new ArrayList<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || reader.readByte(offset - 1) != CONSTANT_UTF8) {
                continue;
            }
            // modified UTF-8; plain decoding is exact for the ASCII names searched for
            constants.add(new String(classFile, offset + 2, reader.readUnsignedShort(offset), StandardCharsets.UTF_8));
        }
        return constants;
    }
}
