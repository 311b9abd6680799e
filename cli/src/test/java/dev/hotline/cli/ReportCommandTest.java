package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotline.core.dump.DumpFormat;
import dev.hotline.core.dump.DumpWriter;
import dev.hotline.core.profile.SampleProfiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    /** A line of a Java stack trace: "at pkg.Cls.method(File.java:12)". */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w.$/<>]+\\(.*\\)\\s*$");

    @TempDir
    Path dir;

    private Path dump;
    private byte[] dumpBytes;

    @BeforeEach
    void writeDump() throws IOException {
        dump = dir.resolve("app-4242" + DumpFormat.SUFFIX);
        DumpWriter.writeAtomically(SampleProfiles.threeLevels(), dump);
        dumpBytes = Files.readAllBytes(dump);
    }

    @Test
    void a_valid_dump_prints_the_method_table_and_exits_0() {
        Result result = run("report", dump.toString());

        assertThat(result.code).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out).contains("hotline report of " + dump);
        assertThat(result.out).contains("ncalls", "tottime", "cumtime", "p50", "p99", "thrown");
        assertThat(result.out).contains("com.acme.Parser.parse(int)", "com.acme.Service$Worker.handle(String, long[])");
    }

    @Test
    void sort_and_top_options_shape_the_table() {
        Result result = run("report", dump.toString(), "--sort", "calls", "--top", "1");

        assertThat(result.code).isZero();
        List<String> rows = result.out.lines().filter(l -> l.contains("  com.acme.")).toList();
        assertThat(rows).singleElement().asString().endsWith("com.acme.Parser.parse(int)");
        assertThat(result.out).contains("(3 more methods; --top 0 shows all)");
    }

    @Test
    void sort_keys_are_case_insensitive() {
        assertThat(run("report", dump.toString(), "--sort", "CUMTIME").code).isZero();
        assertThat(run("report", dump.toString(), "--sort", "p99").code).isZero();
    }

    @Test
    void json_format_prints_the_json_report() {
        Result result = run("report", dump.toString(), "--format", "json");

        assertThat(result.code).isZero();
        JsonObject report = JsonParser.parseString(result.out).getAsJsonObject();
        assertThat(report.get("hotline").getAsInt()).isEqualTo(1);
        assertThat(report.getAsJsonArray("methods")).hasSize(4);
    }

    @Test
    void output_option_writes_the_report_to_a_file() throws IOException {
        Path file = dir.resolve("report.txt");

        Result result = run("report", dump.toString(), "-o", file.toString());

        assertThat(result.code).isZero();
        assertThat(result.out).isEmpty();
        assertThat(Files.readString(file)).contains("com.acme.Parser.parse(int)");
    }

    @Test
    void text_reaches_standard_output_unchanged_whatever_its_characters() {
        Result result = run("report", dump.toString());

        assertThat(result.out).contains("command: com.acme.App --name Zoë µs ✓ \uD83D\uDE00" + System.lineSeparator());
    }

    @Test
    void the_hlog_format_prints_an_hdrhistogram_log() {
        Result result = run("report", dump.toString(), "--format", "hlog");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).startsWith("#hotline export of " + dump)
                .contains("#[Histogram log format version 1.3]", "Tag=com.acme.Parser.parse(I)Ljava/util/List;,");
    }

    @Test
    void export_hlog_writes_the_log_to_the_file_and_says_so() throws IOException {
        Path file = dir.resolve("out.hlog");

        Result result = run("export", dump.toString(), "--hlog", "-o", file.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).isEqualTo("wrote " + file + " (hlog)" + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo(run("report", dump.toString(), "--format", "hlog").out);
    }

    @Test
    void export_takes_the_formats_of_report() throws IOException {
        Path file = dir.resolve("out.json");

        Result result = run("export", dump.toString(), "--format", "json", "-o", file.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonArray("methods")).hasSize(4);
    }

    @Test
    void export_needs_exactly_one_format() {
        Path file = dir.resolve("none.hlog");

        Result none = run("export", dump.toString(), "-o", file.toString());
        Result both = run("export", dump.toString(), "--hlog", "--format", "json", "-o", file.toString());

        assertThat(none.code).isEqualTo(2);
        assertThat(none.err).contains("--hlog").doesNotContainPattern(STACK_FRAME);
        assertThat(both.code).isEqualTo(2);
        assertThat(both.err).contains("mutually exclusive").doesNotContainPattern(STACK_FRAME);
        assertThat(file).doesNotExist();
    }

    @Test
    void export_of_a_bad_dump_creates_no_file() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.hotline"), "not a dump");
        Path file = dir.resolve("bad.hlog");

        assertOneLineError(run("export", garbage.toString(), "--hlog", "-o", file.toString()), "not a hotline dump");
        assertThat(file).doesNotExist();
    }

    @Test
    void export_pprof_writes_a_gzipped_profile_and_report_will_not_print_it_to_a_terminal() throws IOException {
        Path file = dir.resolve("app.pb.gz");

        Result result = run("export", dump.toString(), "--pprof", "-o", file.toString());
        Result toTerminal = run("report", dump.toString(), "--format", "pprof");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).isEqualTo("wrote " + file + " (pprof)" + System.lineSeparator());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new byte[] {bytes[0], bytes[1]}).containsExactly(0x1F, 0x8B);
        assertThat(toTerminal.code).isEqualTo(2);
        assertThat(toTerminal.err).contains("writes bytes, not text").doesNotContainPattern(STACK_FRAME);
    }

    @Test
    void diff_format_html_writes_the_differential_flame_graph_to_the_file_and_says_so() throws IOException {
        Path file = dir.resolve("diff.html");

        Result result = run("diff", dump.toString(), dump.toString(), "--format", "html", "-o", file.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).isEqualTo("wrote " + file + " (html)" + System.lineSeparator());
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("<svg id=\"flame\"",
                "com.acme.Parser.parse(int) — per call");
    }

    @Test
    void diff_with_o_and_the_text_format_writes_the_table_to_the_file() throws IOException {
        Path file = dir.resolve("diff.txt");

        Result result = run("diff", dump.toString(), dump.toString(), "-o", file.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(Files.readString(file)).isEqualTo(run("diff", dump.toString(), dump.toString()).out);
    }

    @Test
    void diff_html_of_a_bad_dump_creates_no_file() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.hotline"), "not a dump");
        Path file = dir.resolve("bad.html");

        assertOneLineError(run("diff", dump.toString(), garbage.toString(), "--format", "html", "-o", file.toString()),
                "not a hotline dump");
        assertThat(file).doesNotExist();
    }

    @Test
    void diff_of_two_dumps_without_methods_prints_the_header_alone() throws IOException {
        Path empty = dir.resolve("empty-run.hotline");
        DumpWriter.writeAtomically(SampleProfiles.empty(), empty);

        Result result = run("diff", empty.toString(), empty.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out.lines()).contains("calls  p50    p99    total  self  method");
    }

    @Test
    void diff_aligns_its_columns_and_names_start_in_one_column() {
        Result result = run("diff", dump.toString(), dump.toString());

        List<String> rows = result.out.lines().filter(l -> l.contains("com.acme.") || l.endsWith("method")).toList();
        assertThat(rows).hasSize(5);
        int column = rows.get(0).indexOf("method");
        assertThat(rows).allSatisfy(r -> assertThat(r.indexOf(r.endsWith("method") ? "method" : "com.acme.")).isEqualTo(column));
        assertThat(result.out).contains("300 -> 300").contains("~ +0%");
    }

    @Test
    void a_garbage_file_exits_2_with_one_line_and_no_stack_trace() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.hotline"), "#!/bin/sh\necho this is not a dump\n");

        Result result = run("report", garbage.toString());

        assertOneLineError(result, "not a hotline dump");
        assertThat(result.err).contains(garbage.toString());
    }

    @Test
    void an_empty_file_exits_2_with_one_line() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.hotline"));

        assertOneLineError(run("report", empty.toString()), "empty file");
    }

    @Test
    void a_truncated_dump_exits_2_with_one_line_and_no_stack_trace() throws IOException {
        Path truncated = dir.resolve("truncated.hotline");
        Files.write(truncated, Arrays.copyOf(dumpBytes, dumpBytes.length / 2));

        assertOneLineError(run("report", truncated.toString()), "truncated");
    }

    @Test
    void a_dump_cut_in_any_part_exits_2_with_one_line() throws IOException {
        Path truncated = dir.resolve("cut.hotline");
        int n = dumpBytes.length;
        // inside the magic, the version, a block header, a block, before the end block, inside it
        for (int length : new int[] {0, 4, 8, 10, 12, 14, 20, n / 3, n / 2, n - 6, n - 5, n - 2, n - 1}) {
            Files.write(truncated, Arrays.copyOf(dumpBytes, length));

            Result result = run("report", truncated.toString());

            assertThat(result.code).as("dump cut to %d bytes", length).isEqualTo(2);
            assertThat(result.err.lines()).as("dump cut to %d bytes: %s", length, result.err).hasSize(1);
            assertThat(result.err).as("dump cut to %d bytes", length).doesNotContainPattern(STACK_FRAME);
            assertThat(result.out).as("dump cut to %d bytes", length).isEmpty();
        }
    }

    @Test
    void a_newer_version_dump_exits_2_and_names_both_versions() throws IOException {
        byte[] newer = dumpBytes.clone();
        newer[9] = (byte) (DumpFormat.major() + 1);
        Path file = Files.write(dir.resolve("newer.hotline"), newer);

        Result result = run("report", file.toString());

        assertOneLineError(result, "newer");
        assertThat(result.err).contains("version " + (DumpFormat.major() + 1) + ".", "reads " + DumpFormat.major() + ".");
    }

    @Test
    void a_missing_file_exits_2_with_one_line_naming_it() {
        Path missing = dir.resolve("nope.hotline");

        Result result = run("report", missing.toString());

        assertOneLineError(result, "no dump");
        assertThat(result.err).contains(missing.toString());
    }

    @Test
    void a_directory_exits_2_with_one_line() {
        assertOneLineError(run("report", dir.toString()), "directory");
    }

    @Test
    void help_on_the_top_level_prints_usage_and_exits_0() {
        Result result = run("--help");

        assertThat(result.code).isZero();
        assertThat(result.out).contains("Usage: hotline").contains("report");
        assertThat(result.err).isEmpty();
    }

    @Test
    void help_on_report_prints_its_usage_and_exits_0() {
        Result result = run("report", "--help");

        assertThat(result.code).isZero();
        assertThat(result.out).contains("Usage: hotline report").contains("--sort").contains("--top").contains("DUMP");
        assertThat(result.err).isEmpty();
    }

    @Test
    void the_help_subcommand_prints_the_usage_of_report() {
        Result result = run("help", "report");

        assertThat(result.code).isZero();
        assertThat(result.out).contains("Usage: hotline report");
    }

    @Test
    void an_unknown_sort_key_exits_2_and_points_at_help() {
        Result result = run("report", dump.toString(), "--sort", "fastest");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("--sort").contains("fastest").contains("hotline report --help");
        assertThat(result.err).doesNotContainPattern(STACK_FRAME);
        assertThat(result.out).isEmpty();
    }

    @Test
    void a_report_without_a_dump_argument_exits_2() {
        Result result = run("report");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("DUMP");
        assertThat(result.err).doesNotContainPattern(STACK_FRAME);
    }

    @Test
    void an_unknown_subcommand_exits_2() {
        Result result = run("reprot", dump.toString());

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("reprot").doesNotContainPattern(STACK_FRAME);
    }

    // --- helpers

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HotlineCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Result result, String expected) {
        assertThat(result.code).as("exit code; err: %s", result.err).isEqualTo(HotlineCli.EXIT_BAD_INPUT);
        assertThat(result.err.lines()).as("lines on err").singleElement().asString().contains(expected);
        assertThat(result.err).doesNotContainPattern(STACK_FRAME).doesNotContain("Exception");
        assertThat(result.out).isEmpty();
    }
}
