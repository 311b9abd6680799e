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

    static void inject(Instrumentation instrumentation) throws IOException, URISyntaxException {
        Path agentJar = Paths.get(BootstrapRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path runtimeJar = Files.createTempFile("hotline-runtime-", ".jar");
        runtimeJar.toFile().deleteOnExit();
        int classes = 0;
        try (JarFile source = new JarFile(agentJar.toFile());
             JarOutputStream target = new JarOutputStream(Files.newOutputStream(runtimeJar))) {
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
        if (classes == 0) {
            throw new IOException("no runtime classes (" + PREFIX + ") in " + agentJar);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(runtimeJar.toFile()));
    }
}
