package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Chromium, headless, as the browser tests run it: a fresh profile directory each, and
 * nothing that reaches the network (no background networking, component updates, sync or QUIC).
 */
final class HeadlessChromium {

    private final List<String> flags;

    private HeadlessChromium(Path chromium, Path profileDir) {
        this.flags = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir);
    }

    /** Debian's chromium, or HOTLINE_CHROMIUM; null if none. */
    static Path find() {
        String configured = System.getenv("HOTLINE_CHROMIUM");
        for (String candidate : configured != null ? List.of(configured) : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        return null;
    }

    /** A browser with a profile directory of its own under the tests' work directory. */
    static HeadlessChromium start(Path chromium) throws IOException {
        return new HeadlessChromium(chromium, Files.createTempDirectory(ChildJvm.WORK, "chromium-"));
    }

    /** The DOM after {@code html} loaded and its scripts ran, on stdout. */
    ChildJvm.Result dumpDom(Path html) throws IOException, InterruptedException {
        return run("--dump-dom", html.toUri().toString());
    }

    /** A screenshot of {@code html} at {@code width} x {@code height} into {@code png}. */
    ChildJvm.Result screenshot(Path html, int width, int height, Path png) throws IOException, InterruptedException {
        return run("--window-size=" + width + "," + height, "--screenshot=" + png, html.toUri().toString());
    }

    private ChildJvm.Result run(String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(flags);
        command.addAll(List.of(more));
        return ChildJvm.run(command, 120);
    }
}
