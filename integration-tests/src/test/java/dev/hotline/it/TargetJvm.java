package dev.hotline.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A running {@code AttachTargetApp} that a test talks to line by line (stdin commands, one stdout
 * line per answer) while hotline attaches to it, and asks a witness agent about its bytes.
 * Its stderr goes to a file the test reads at the end.
 */
final class TargetJvm implements AutoCloseable {

    static final String APP = "dev.hotline.it.targets.attach.AttachTargetApp";

    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;
    private final Path stderr;

    private TargetJvm(Process process, Path stderr) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    /** Starts the app on {@code jdk} with {@code jvmOptions} and waits for it to say it is ready. */
    static TargetJvm start(Jdks.Jdk jdk, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (jdk.feature() >= 21) {
            command.add("-XX:+EnableDynamicAgentLoading"); // JEP 451: no warning for the agents loaded on purpose
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), APP));
        Files.createDirectories(ChildJvm.WORK);
        Path stderr = Files.createTempFile(ChildJvm.WORK, "target-stderr-", ".txt");
        Process process = new ProcessBuilder(command).directory(ChildJvm.WORK.toFile())
                .redirectError(stderr.toFile()).start();
        TargetJvm target = new TargetJvm(process, stderr);
        String ready = target.out.readLine();
        if (!"ready".equals(ready)) {
            target.close();
            throw new AssertionError("the target did not start: " + ready + " " + target.stderr());
        }
        return target;
    }

    long pid() {
        return process.pid();
    }

    /**
     * The bytes a fresh retransformation of Worker hands out: asks a witness agent loaded into the
     * target now ({@code BytesWitness}).
     */
    byte[] bytes() throws Exception {
        Path reply = ChildJvm.WORK.toAbsolutePath().resolve("witness-" + System.nanoTime());
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid()));
        try {
            vm.loadAgent(witnessJar().toString(), reply.toString());
        } finally {
            vm.detach();
        }
        return Files.readAllBytes(reply);
    }

    /** Sends one command and returns its one-line answer. */
    String ask(String command) throws IOException {
        in.println(command);
        String answer = out.readLine();
        if (answer == null) {
            throw new AssertionError("the target ended before answering " + command + ": " + stderr());
        }
        return answer;
    }

    List<String> stderrLines() throws IOException {
        return Files.readAllLines(stderr, StandardCharsets.UTF_8);
    }

    private String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Asks the app to end and waits for it; returns its exit code. */
    int quit() throws Exception {
        ask("quit");
        in.close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the target did not end");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Path witnessJar;

    /** The jar of the witness agent: built from the test classes once per test run. */
    private static synchronized Path witnessJar() throws IOException {
        if (witnessJar != null) {
            return witnessJar;
        }
        Path jar = ChildJvm.WORK.toAbsolutePath().resolve("bytes-witness.jar");
        Files.createDirectories(ChildJvm.WORK);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", "dev.hotline.it.targets.attach.BytesWitness");
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path tmp = Files.createTempFile(ChildJvm.WORK, "witness-", ".jar");
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, manifest)) {
            String name = "dev/hotline/it/targets/attach/BytesWitness";
            for (String entry : List.of(name + ".class", name + "$1.class")) { // the witness and its transformer
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(ChildJvm.TARGETS.resolve(entry)));
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        witnessJar = jar;
        return jar;
    }
}
