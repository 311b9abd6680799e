package dev.hotline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * The runtime is injected into the bootstrap class loader, which sees only the JDK: every type its
 * class files mention must be a {@code java.*} type or one of its own, or one of HotSpot's two
 * inlining annotations (in {@code java.base}; HotSpot reads them by name from the class file and
 * honours them in the bootstrap loader's classes).
 */
class RuntimeReferencesOnlyJavaTest {

    private static final int CONSTANT_UTF8 = 1;
    private static final List<String> VM_ANNOTATIONS =
            List.of("jdk/internal/vm/annotation/ForceInline", "jdk/internal/vm/annotation/DontInline");
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+);");

    @Test
    void runtime_classes_reference_nothing_but_java_and_themselves() throws IOException {
        List<Path> classFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Paths.get("target", "classes"))) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(classFiles::add);
        }
        assertThat(classFiles).as("compiled runtime classes").hasSizeGreaterThan(4);

        TreeSet<String> foreign = new TreeSet<>();
        for (Path file : classFiles) {
            for (String type : referencedTypes(Files.readAllBytes(file))) {
                if (!type.startsWith("java/") && !type.startsWith("dev/hotline/runtime/")
                        && !VM_ANNOTATIONS.contains(type)) {
                    foreign.add(file.getFileName() + " -> " + type);
                }
            }
        }
        assertThat(foreign).as("types outside java.* referenced by the runtime").isEmpty();
    }

    /** Class constants plus every object type named in a descriptor or signature. */
    private static List<String> referencedTypes(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        List<String> types = new ArrayList<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || reader.readByte(offset - 1) != CONSTANT_UTF8) {
                continue;
            }
            int length = reader.readUnsignedShort(offset);
            String utf8 = new String(classFile, offset + 2, length, java.nio.charset.StandardCharsets.UTF_8);
            Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8);
            while (m.find()) {
                types.add(m.group(1));
            }
            if (utf8.matches("[a-z][\\w]*(/[\\w$]+)+")) { // an internal class name, e.g. java/lang/Object
                types.add(utf8);
            }
        }
        return types;
    }
}
