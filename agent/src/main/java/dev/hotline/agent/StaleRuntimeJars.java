package dev.hotline.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Removes the runtime jars of JVMs that are gone. {@link BootstrapRuntime} writes one per JVM into
 * the temporary directory and deletes it at exit, but a JVM killed with SIGKILL, halted or crashed
 * runs no exit step: without this, every such JVM would leave a jar of some 35 KB behind for good.
 *
 * <p>A jar is removed only if its name is {@code hotline-runtime-<pid>-<digits>.jar}, it is a
 * regular file (a symbolic link is left alone, not followed), no process of that pid is alive, and
 * it belongs to the user this JVM runs as (compared by uid, read as a number: a name lookup could
 * go to the network). A live process of the same pid (a pid reused) keeps its jar. A JVM in
 * another pid namespace sharing the directory, as the same user, can lose its jar while it runs;
 * on Linux that costs it nothing, as its JVM holds the jar open from the moment it was appended.
 * Never throws; a jar that cannot be removed is skipped.
 */
final class StaleRuntimeJars {

    static final String PREFIX = "hotline-runtime-";

    private StaleRuntimeJars() {
    }

    /** Removes the stale jars beside {@code ours} (this JVM's jar); returns how many. */
    static int sweep(Path ours) {
        int removed = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(ours.toAbsolutePath().getParent(), PREFIX + "*.jar")) {
            Object uid = uid(ours);
            for (Path jar : jars) {
                long pid = pidOf(jar.getFileName().toString());
                try {
                    if (pid > 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()
                            && Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS)
                            && uid != null && uid.equals(uid(jar)) && Files.deleteIfExists(jar)) {
                        removed++;
                    }
                } catch (IOException | RuntimeException e) {
                    // another user's file in a sticky directory, or gone meanwhile: the next one
                }
            }
        } catch (IOException | RuntimeException e) {
            // a directory that cannot be listed: nothing to clean up that this JVM could clean
        }
        return removed;
    }

    /** The pid in {@code hotline-runtime-<pid>-<digits>.jar}, or -1 for any other name. */
    static long pidOf(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(".jar")) {
            return -1;
        }
        String[] parts = name.substring(PREFIX.length(), name.length() - ".jar".length()).split("-", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[0-9]{1,19}")) {
            return -1;
        }
        return Long.parseLong(parts[0]);
    }

    /** The file's numeric owner, or null where the file system has none to show. */
    private static Object uid(Path file) {
        try {
            return Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
