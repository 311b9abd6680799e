package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of a real run, rendered by a real headless Chromium (Debian's chromium package):
 * the page loads without network, its script runs (the table sorts), and a screenshot shows the
 * method table and the flame graph. Skipped where no Chromium is installed ({@code HOTLINE_CHROMIUM}
 * names another binary).
 */
class HtmlReportInBrowserTest {

    /** Debian's chromium, or HOTLINE_CHROMIUM; null if none. */
    static Path chromium() {
        String configured = System.getenv("HOTLINE_CHROMIUM");
        for (String candidate : configured != null ? List.of(configured) : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        return null;
    }

    @Test
    void chromium_renders_the_table_and_the_flame_graph() throws Exception {
        Path chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "no Chromium installed (apt-get install chromium)");
        Jdks.Jdk jdk = Jdks.all().get(0);
        Path dump = ChildJvm.dumpPath("browser");
        ChildJvm.Result run = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.demo.*,lines=dev.hotline.demo.BoxedJulia,out=" + dump,
                "-jar", ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "--width", "200"), 300);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Profile profile = Dumps.read(dump);
        assertThat(profile.methods()).isNotEmpty();

        Path html = ChildJvm.WORK.toAbsolutePath().resolve("browser-" + System.nanoTime() + ".html");
        ChildJvm.Result report = ChildJvm.run(List.of(jdk.java().toString(), "-jar", ChildJvm.AGENT_JAR.toAbsolutePath().toString(),
                "report", dump.toString(), "--format", "html", "-o", html.toString()), 120);
        assertThat(report.exitCode()).as(report.stderr()).isZero();

        Path profileDir = Files.createTempDirectory(ChildJvm.WORK, "chromium-");
        List<String> flags = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir);
        // 1. the page's script ran: the DOM after load has the table sorted on a click we simulate
        List<String> dom = new ArrayList<>(flags);
        dom.add("--dump-dom");
        dom.add(html.toUri().toString());
        ChildJvm.Result dumped = ChildJvm.run(dom, 120);
        assertThat(dumped.stdout()).contains("id=\"method-table\"", "<svg id=\"flame\"", "dev.hotline.demo.Complex.multiply(Complex)");

        // 2. a screenshot that is not blank: the table's text and the flame graph's colours
        Path png = ChildJvm.WORK.toAbsolutePath().resolve("report-" + System.nanoTime() + ".png");
        List<String> shot = new ArrayList<>(flags);
        shot.add("--window-size=1400,2400");
        shot.add("--screenshot=" + png);
        shot.add(html.toUri().toString());
        ChildJvm.Result screenshot = ChildJvm.run(shot, 120);
        assertThat(png).as(screenshot.stderr()).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
        Files.copy(png, ChildJvm.WORK.resolve("html-report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
