package dev.hotline.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
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
 * change to the probes shows up in review. A missing golden file fails the test. Regenerate after a
 * deliberate change with {@code ./mvnw -B -pl core -am test -Dtest=BytecodeListingGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhotline.updateGolden=true} and read the diff.
 */
class BytecodeListingGoldenTest {

    private static final Path GOLDEN = Paths.get("src/test/resources/golden/bytecode");
    private static final InliningLimits HOTSPOT_DEFAULTS = new InliningLimits(35, 325, 8000, false);
    private static final String TARGET = "dev.hotline.core.bytecode.GoldenTargets";
    private static final boolean UPDATE = Boolean.getBoolean("hotline.updateGolden");

    /** {@code timed}: the class gets timers ({@code includes=} not given) or not ({@code includes=} empty). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name,                              method, timed, lines,                  linehits,               alloc
        "getter,                              size,   true,  '',                     '',                     ''",
        "constructor,                         <init>, true,  '',                     '',                     ''",
        "loop-with-lines,                     sumTo,  true,  *.GoldenTargets#sumTo,  '',                     ''",
        "allocation-site,                     buffer, true,  '',                     '',                     *.GoldenTargets",
        "loop-with-line-hits,                 sumTo,  false, '',                     *.GoldenTargets#sumTo,  ''",
        "timed-line-hits-and-multianewarray,  grid,   true,  '',                     *.GoldenTargets#grid,   *.GoldenTargets",
    })
    void listing_matches_its_golden_file(String name, String method, boolean timed, String lines, String lineHits,
                                         String alloc) throws IOException {
        ProbeSelection probes = new ProbeSelection(timed ? null : ClassPattern.none(), selection(lines),
                selection(lineHits), selection(alloc));
        List<MethodListing> listings = new BytecodeComparison(HOTSPOT_DEFAULTS).compare(classBytes(), probes);
        List<MethodListing> selected = listings.stream().filter(m -> m.method().name().equals(method)).toList();
        assertThat(selected).as("methods named " + method).isNotEmpty();
        StringWriter text = new StringWriter();
        BytecodeReport.text(TARGET, selected, false, HOTSPOT_DEFAULTS, new PrintWriter(text));
        String actual = text.toString().replace(System.lineSeparator(), "\n");

        Path golden = GOLDEN.resolve(name + ".txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (write it with -Dhotline.updateGolden=true, then review it)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static MethodSelection selection(String text) {
        return text.isEmpty() ? MethodSelection.none() : MethodSelection.parse(text);
    }

    private static byte[] classBytes() throws IOException {
        try (InputStream in = BytecodeListingGoldenTest.class.getResourceAsStream("GoldenTargets.class")) {
            return in.readAllBytes();
        }
    }
}
