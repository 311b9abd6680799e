package dev.hotline.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's SLF4J provider, found by SLF4J's own ServiceLoader lookup, as the agent jar finds it. */
class AgentLogProviderTest {

    @TempDir
    Path dir;

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void captureStderr() {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LogSink.setLevel("warn");
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogSink.closeFile();
        LogSink.setLevel("warn");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void slf4j_finds_the_agents_provider_and_no_other() {
        Logger log = LoggerFactory.getLogger("x");

        assertThat(log).isInstanceOf(AgentLogger.class);
        assertThat(stderr()).doesNotContain("SLF4J");
    }

    @Test
    void lines_read_hotline_level_message_and_warn_is_the_default_threshold() {
        Logger log = LoggerFactory.getLogger(AgentLogProviderTest.class);
        log.info("not shown");
        log.warn("cap of {} reached", 1500);
        log.error("could not write {}: {}", "x.hotline", new IllegalStateException("disk full"));

        assertThat(stderr().lines()).containsExactly(
                "[hotline] WARN cap of 1500 reached",
                "[hotline] ERROR could not write x.hotline: java.lang.IllegalStateException: disk full");
    }

    @Test
    void a_throwable_no_placeholder_takes_follows_the_message_and_its_trace_only_at_debug() {
        Logger log = LoggerFactory.getLogger("x");
        log.warn("failed", new IllegalStateException("why"));
        assertThat(stderr().lines()).containsExactly("[hotline] WARN failed: java.lang.IllegalStateException: why");

        err.reset();
        LogSink.setLevel("debug");
        log.debug("failed", new IllegalStateException("why"));
        assertThat(stderr().lines().toList()).first().isEqualTo("[hotline] DEBUG failed: java.lang.IllegalStateException: why");
        assertThat(stderr()).contains("\tat dev.hotline.agent.logging.AgentLogProviderTest");
    }

    @Test
    void logfile_appends_the_lines_to_the_file_and_stderr_stays_clean() throws IOException {
        Path file = dir.resolve("agent.log");
        Files.writeString(file, "earlier line\n");
        LogSink.logTo(file);
        LoggerFactory.getLogger("x").warn("to the file");
        LogSink.closeFile();

        assertThat(Files.readAllLines(file)).containsExactly("earlier line", "[hotline] WARN to the file");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void a_log_file_that_cannot_be_opened_leaves_the_lines_on_stderr_with_one_line_saying_why() {
        LogSink.logTo(dir.resolve("missing-dir").resolve("agent.log"));
        LoggerFactory.getLogger("x").warn("still seen");

        assertThat(stderr().lines().toList()).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("[hotline] WARN cannot write the log to ")
                        .endsWith("; logging to stderr"))
                .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("[hotline] WARN still seen"));
    }
}
