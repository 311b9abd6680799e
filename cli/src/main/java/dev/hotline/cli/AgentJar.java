package dev.hotline.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the agent jar is: the jar this CLI runs from, or the {@code hotline.agent.jar} property. */
final class AgentJar {

    static final String PROPERTY = "hotline.agent.jar";

    private AgentJar() {
    }

    static Path locate() {
        String override = System.getProperty(PROPERTY);
        if (override != null) {
            return existing(Paths.get(override));
        }
        try {
            Path self = Paths.get(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                return self.toAbsolutePath();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the message below
        }
        throw new IllegalStateException("cannot find the agent jar: run hotline from hotline-agent.jar or set -D"
                + PROPERTY + "=PATH");
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar " + jar + " (from -D" + PROPERTY + ") does not exist");
        }
        return jar.toAbsolutePath();
    }
}
