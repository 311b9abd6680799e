package dev.hotline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes {@code dev.hotline.runtime} visible to every class loader by appending a jar of just those
 * classes to the bootstrap class path. The agent jar itself stays on the system class path; since
 * loaders delegate to their parent first, the agent's own references to the runtime then resolve to
 * the bootstrap copies too, so instrumented code and the flush see the same static state.
 *
 * <p>Must run before any class of the agent refers to the runtime; this class refers to none.
 */
final class BootstrapRuntime {

    static final String PREFIX = "dev/hotline/runtime/";

    private BootstrapRuntime() {
    }

    /** Appends the runtime jar, unless an earlier session of this JVM did (a re-attach): once per JVM. */
    static void inject(Instrumentation instrumentation) throws IOException, URISyntaxException {
        if (injected()) {
            return;
        }
        Path agentJar = Paths.get(BootstrapRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // Named by pid and clock, not Files.createTempFile: its SecureRandom seeding opens sockets
        // (seen on JDK 17), and the agent must open none in the host.
        Path runtimeJar = Paths.get(System.getProperty("java.io.tmpdir"),
                "hotline-runtime-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jar");
        Files.deleteIfExists(runtimeJar);
        runtimeJar.toFile().deleteOnExit();
        int classes = 0;
        try (JarFile source = new JarFile(agentJar.toFile());
             // java.io, not Files.newOutputStream/createFile: a file channel makes JDK 17 open a socket pair
             JarOutputStream target = new JarOutputStream(new java.io.FileOutputStream(runtimeJar.toFile()))) {
            for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PREFIX) && entry.getName().endsWith(".class")) {
                    target.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(target);
                    }
                    target.closeEntry();
                    classes++;
                }
            }
        }
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(runtimeJar, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        if (classes == 0) {
            throw new IOException("no runtime classes (" + PREFIX + ") in " + agentJar);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(runtimeJar.toFile()));
        StaleRuntimeJars.sweep(runtimeJar); // those of JVMs killed before their exit could delete them
    }

    /** Whether the bootstrap loader already has the runtime (asked without loading it anywhere else). */
    static boolean injected() {
        try {
            Class.forName(PREFIX.replace('/', '.') + "Probes", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
