package dev.hotline.core.attach;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Where a JVM with a hotline session says so, for {@code hotline jvms}: one file per pid, holding
 * the session's agent options, in {@code <java.io.tmpdir>/hotline-<user>/}, a directory only its
 * user can enter. Asking each JVM through the attach mechanism instead would load an agent into
 * every JVM listed (and make JDK 21+ print JEP 451's warning in each). The agent writes the file
 * when a session starts and deletes it when the session is detached or the JVM exits; the list
 * shows only live JVMs, so the file of a killed one is never shown.
 */
public final class StatusFiles {

    private StatusFiles() {
    }

    /** The directory, for the user running this JVM. */
    public static Path directory() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "hotline-" + System.getProperty("user.name", "unknown"));
    }

    /**
     * Records that {@code pid} runs a session with {@code options}; the file goes when the JVM
     * exits. Writes nothing into a directory that is not this user's alone (another user could
     * have made it, to plant links).
     */
    public static void write(long pid, String options) throws IOException {
        Path dir = directory();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        }
        if (!ownDirectory(dir)) {
            throw new IOException(dir + " is not this user's alone");
        }
        Path file = dir.resolve(Long.toString(pid));
        Files.deleteIfExists(file); // a stale file (or anything) of an earlier process with this pid
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write((options + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.toFile().deleteOnExit();
    }

    /** A real directory, owned by this user, that no one else may enter or write. */
    static boolean ownDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!posix()) {
            return true;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && permissions.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
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
            if (!ownDirectory(directory())) {
                return null;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
