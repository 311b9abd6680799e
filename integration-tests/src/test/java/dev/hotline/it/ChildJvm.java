package dev.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a child process, with output captured to files (no pipe can fill up), and a timeout. */
final class ChildJvm {

    static final Path AGENT_JAR = Paths.get(System.getProperty("hotline.agent.jar", "../agent/target/hotline-agent.jar"));
    static final Path DEMO_JAR = Paths.get(System.getProperty("hotline.demo.jar", "../demo-app/target/hotline-demo.jar"));
    static final Path TARGETS = Paths.get(System.getProperty("hotline.targets.dir", "target/test-classes"));
    static final Path WORK = Paths.get(System.getProperty("hotline.work.dir", "target/it-work"));

    record Result(int exitCode, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
        }
    }

    private ChildJvm() {
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path out = Files.createTempFile(WORK, "stdout-", ".txt");
        Path err = Files.createTempFile(WORK, "stderr-", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** {@code java [-javaagent:AGENT=options] jvmArgs... } */
    static List<String> java(Jdks.Jdk jdk, String agentOptions, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (agentOptions != null) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.addAll(List.of(rest));
        return command;
    }

    /** A fresh dump path in the work directory. */
    static Path dumpPath(String name) throws IOException {
        Files.createDirectories(WORK);
        Path dump = WORK.toAbsolutePath().resolve(name + "-" + System.nanoTime() + ".hotline");
        Files.deleteIfExists(dump);
        return dump;
    }

    /** Lines the JVM itself prints on stderr when any agent appends to the bootstrap class path. */
    static List<String> withoutJvmCdsWarning(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!line.contains("Sharing is only supported for boot loader classes")) {
                kept.add(line);
            }
        }
        return kept;
    }
}
