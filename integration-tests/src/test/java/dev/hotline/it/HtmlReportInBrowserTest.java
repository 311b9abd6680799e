package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void chromium_renders_the_table_and_the_flame_graph() throws Exception {
        Path chromium = HeadlessChromium.find();
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

        HeadlessChromium browser = HeadlessChromium.start(chromium);
        // 1. the page's script ran: the DOM after load has the table sorted on a click we simulate
        ChildJvm.Result dumped = browser.dumpDom(html);
        assertThat(dumped.stdout()).contains("id=\"method-table\"", "<svg id=\"flame\"", "dev.hotline.demo.Complex.multiply(Complex)");

        // 2. a screenshot that is not blank: the table's text and the flame graph's colours
        Path png = ChildJvm.WORK.toAbsolutePath().resolve("report-" + System.nanoTime() + ".png");
        ChildJvm.Result screenshot = browser.screenshot(html, 1400, 2400, png);
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
