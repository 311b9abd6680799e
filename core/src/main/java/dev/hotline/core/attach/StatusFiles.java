package dev.hotline.core.attach;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Where a JVM with a hotline session says so, for {@code hotline jvms}: one file per pid, holding
 * the session's agent options, in {@code <java.io.tmpdir>/hotline-<user>/}, a directory only its
 * user can enter. Asking each JVM through the attach mechanism instead would load an agent into
 * every JVM listed (and make JDK 21+ print JEP 451's warning in each). The agent writes the file
 * when a session starts and deletes it when the session stops; a file of a process that no longer
 * exists is ignored.
 */
public final class StatusFiles {

    private StatusFiles() {
    }

    /** The directory, for the user running this JVM. */
    public static Path directory() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "hotline-" + System.getProperty("user.name", "unknown"));
    }

    /** Records that {@code pid} runs a session with {@code options}. */
    public static void write(long pid, String options) throws IOException {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        try (OutputStream out = new FileOutputStream(dir.resolve(Long.toString(pid)).toFile())) {
            out.write((options + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Forgets {@code pid}'s session. */
    public static void delete(long pid) {
        try {
            Files.deleteIfExists(directory().resolve(Long.toString(pid)));
        } catch (IOException | SecurityException e) {
            // a stale file is ignored once the process is gone
        }
    }

    /** The options of {@code pid}'s session, or null if it has none (or the file cannot be read). */
    public static String read(long pid) {
        Path file = directory().resolve(Long.toString(pid));
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
