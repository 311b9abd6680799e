package dev.hotline.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code dumpclasses=DIR} option: writes {@code DIR/original/pkg/Cls.class} and
 * {@code DIR/instrumented/pkg/Cls.class} for every class the agent changes, so {@code javap -c} and
 * {@code hotline bytecode} can be run on exactly what the JVM loaded. Runs inside transform, off
 * the probes' path; a failure to write is reported once and never stops the class from loading.
 */
final class ClassFileDumper {

    private static final Logger LOG = LoggerFactory.getLogger(ClassFileDumper.class);

    private final Path root;
    private final AtomicBoolean reported = new AtomicBoolean();

    ClassFileDumper(Path root) {
        this.root = root;
    }

    void write(String internalName, byte[] original, byte[] instrumented) {
        try {
            write(root.resolve("original"), internalName, original);
            write(root.resolve("instrumented"), internalName, instrumented);
        } catch (IOException | RuntimeException e) {
            if (reported.compareAndSet(false, true)) {
                LOG.warn("dumpclasses: cannot write class files under " + root.toAbsolutePath() + ": " + e
                        + " (further failures are not reported)");
            }
        }
    }

    private static void write(Path base, String internalName, byte[] bytes) throws IOException {
        Path file = base.resolve(internalName + ".class");
        Files.createDirectories(file.getParent());
        // java.io, not Files.write: a file channel makes JDK 17 keep a socket pair open in the host
        try (java.io.FileOutputStream out = new java.io.FileOutputStream(file.toFile())) {
            out.write(bytes);
        }
    }
}
