package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hotline.core.dump.DumpFormatException;
import dev.hotline.core.dump.DumpReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every command that reads a dump, through the CLI's entry point as a user runs it, on fuzzed
 * dumps (Jazzer; regression mode runs the committed inputs in
 * {@code src/test/resources/dev/hotline/cli/DumpCommandsFuzzTestInputs}, {@code JAZZER_FUZZ=1}
 * fuzzes, one command per input). The oracle is the reader: a dump it reads, every command handles (exit 0; check 0 or
 * 1); a dump it refuses, every command refuses with exit 2 and one line on stderr, never a stack
 * trace.
 */
class DumpCommandsFuzzTest {

    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
    private static Path dir;
    private static Path valid;

    @BeforeAll
    static void validDump() throws IOException {
        dir = Files.createTempDirectory("hotline-fuzz");
        valid = dir.resolve("valid.hotline");
        try (InputStream seed = DumpCommandsFuzzTest.class.getResourceAsStream(
                "DumpCommandsFuzzTestInputs/valid-1.3-every-block.hotline")) {
            Files.write(valid, seed.readAllBytes());
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "20s")
    void every_command_handles_a_dump_or_refuses_it_in_one_line(byte[] input) throws IOException {
        Path dump = Files.write(dir.resolve("fuzzed.hotline"), input);
        boolean readable = readable(dump);
        String d = dump.toString();
        String v = valid.toString();
        String out = dir.resolve("out").toString();
        List<String[]> commands = List.of(
                new String[] {"info", d},
                new String[] {"report", d},
                new String[] {"report", d, "--format", "json"},
                new String[] {"report", d, "--format", "collapsed"},
                new String[] {"report", d, "--format", "html", "-o", out},
                new String[] {"report", d, "--format", "hlog"},
                new String[] {"report", d, "--lines", "--alloc", "--top", "0"},
                new String[] {"report", d, "--sort", "p99", "--raw"},
                new String[] {"diff", d, v},
                new String[] {"diff", v, d},
                new String[] {"merge", d, v, "-o", out},
                new String[] {"check", v, d, "--max-regression", "p99=10%", "--min-calls", "0"},
                new String[] {"export", d, "--hlog", "-o", out},
                new String[] {"export", d, "--format", "json", "-o", out});
        // Fuzzing runs one command per input, picked by its last byte (14 times the inputs per
        // second); the regression run gives every committed input to every command.
        List<String[]> run = FUZZING && input.length > 0
                ? java.util.Collections.singletonList(commands.get(Byte.toUnsignedInt(input[input.length - 1]) % commands.size())) : commands;
        for (String[] command : run) {
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            int exit = HotlineCli.run(command, new PrintWriter(stdout), new PrintWriter(stderr));
            String what = String.join(" ", command) + " (stderr: " + stderr + ")";
            if (readable) {
                // check refuses (2) a pair of dumps with no method to compare
                assertThat(exit).as(what).isIn(command[0].equals("check") ? List.of(0, 1, 2) : List.of(0));
            } else {
                assertThat(exit).as(what).isEqualTo(HotlineCli.EXIT_BAD_INPUT);
            }
            if (exit == HotlineCli.EXIT_BAD_INPUT) {
                assertThat(stderr.toString()).as(what).startsWith("hotline").endsWith(System.lineSeparator())
                        .hasLineCount(1).doesNotContain("\tat ").doesNotContain("Exception");
            }
        }
    }

    private static boolean readable(Path dump) throws IOException {
        try {
            DumpReader.read(dump);
            return true;
        } catch (DumpFormatException e) {
            return false;
        }
    }
}
