package dev.hotline.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one fresh JVM to completion and hands back what it printed. */
final class ChildJvm {

    private static final long TIMEOUT_SECONDS = 900; // javac with its own classes timed runs minutes

    private ChildJvm() {
    }

    /** The output of a finished run; {@code startMillis} is the wall clock just before it started. */
    record Run(String stdout, String stderr, long startMillis, long wallNanos, long peakRssKb) {

        /** The number after {@code key=} in stdout (e.g. {@code mean_ns=12.5}). */
        double value(String key) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "=([-0-9.]+)").matcher(stdout);
            if (!m.find()) {
                throw new IllegalStateException("no " + key + "= in the output:\n" + stdout + "\n" + stderr);
            }
            return Double.parseDouble(m.group(1));
        }

        /** The demo's own computation time, from {@code took 1.234 s}. */
        double tookSeconds() {
            Matcher m = Pattern.compile("took ([0-9.]+) s").matcher(stdout);
            if (!m.find()) {
                throw new IllegalStateException("no 'took' in the output:\n" + stdout + "\n" + stderr);
            }
            return Double.parseDouble(m.group(1));
        }
    }

    static Run run(Path java, List<String> jvmArgs, List<String> mainAndArgs, Map<String, String> env, Path workDir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.addAll(mainAndArgs);
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        Process p = pb.start();
        long peakRssKb = -1;
        long deadline = start + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
            peakRssKb = Math.max(peakRssKb, peakRssKb(p.pid()));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
        }
        long wall = System.nanoTime() - start;
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(err);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + stdout
                    + "\n" + stderr);
        }
        return new Run(stdout, stderr, startMillis, wall, peakRssKb);
    }

    /**
     * The process's peak resident set so far (VmHWM of /proc/PID/status, in KB), -1 where there is
     * none. Polled while it runs: the last value read is within 50 ms of its end.
     */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc here
        }
        return -1;
    }
}
