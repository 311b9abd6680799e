package dev.hotline.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.options.MethodSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The instrumented listing of a few representative methods, compared with golden files so any
 * change to the probes shows up in review. Regenerate after a deliberate change with
 * {@code ./mvnw -pl core test -Dtest=BytecodeListingGoldenTest -Dhotline.updateGolden=true} and
 * read the diff.
 */
class BytecodeListingGoldenTest {

    private static final Path GOLDEN = Paths.get("src/test/resources/golden/bytecode");
    private static final InliningLimits HOTSPOT_DEFAULTS = new InliningLimits(35, 325, 8000, false);
    private static final String TARGET = "dev.hotline.core.bytecode.GoldenTargets";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "getter, size, '', ''",
        "constructor, <init>, '', ''",
        "loop-with-lines, sumTo, dev.hotline.core.bytecode.GoldenTargets#sumTo, ''",
        "allocation-site, buffer, '', dev.hotline.core.bytecode.GoldenTargets",
    })
    void listing_matches_its_golden_file(String name, String method, String lines, String alloc) throws IOException {
        List<MethodListing> listings = new BytecodeComparison(HOTSPOT_DEFAULTS).compare(classBytes(),
                lines.isEmpty() ? MethodSelection.none() : MethodSelection.parse(lines),
                alloc.isEmpty() ? MethodSelection.none() : MethodSelection.parse(alloc));
        List<MethodListing> selected = listings.stream().filter(m -> m.method().name().equals(method)).toList();
        StringWriter text = new StringWriter();
        BytecodeReport.text(TARGET, selected, false, HOTSPOT_DEFAULTS, new PrintWriter(text));
        String actual = text.toString().replace(System.lineSeparator(), "\n");

        Path golden = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("hotline.updateGolden") || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static byte[] classBytes() throws IOException {
        try (InputStream in = BytecodeListingGoldenTest.class.getResourceAsStream("GoldenTargets.class")) {
            return in.readAllBytes();
        }
    }
}
