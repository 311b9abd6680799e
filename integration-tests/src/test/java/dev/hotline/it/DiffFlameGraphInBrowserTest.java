package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code diff --format html} of two real runs of the demo (the second with twice the iterations and
 * the parallel implementation, so it has paths the first lacks), rendered by a real headless
 * Chromium as {@link HtmlReportInBrowserTest} renders the report page: the page loads without
 * network, its boxes carry both runs' values, and a screenshot shows the graph in its change colours.
 * Skipped where no Chromium is installed.
 */
class DiffFlameGraphInBrowserTest {

    private static final Pattern TOOLTIP = Pattern.compile("<g class=\"f\"[^>]*><title>([^<]*)</title>");
    /** DiffFlameGraphPage's colour of frames with too few calls to judge (main, compute: one call each). */
    private static final int NOT_JUDGED_RGB = 0xF0EAD8;
    /** Its colour of paths new in the second run (the parallel implementation's). */
    private static final int NEW_PATH_RGB = 0xB380D9;

    @Test
    void chromium_renders_the_differential_flame_graph_of_two_runs() throws Exception {
        Path chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium != null, "no Chromium installed (apt-get install chromium)");
        Jdks.Jdk jdk = Jdks.all().get(0);
        Path before = run(jdk, "diff-before", "--impl", "boxed", "--max-iter", "100");
        Path after = run(jdk, "diff-after", "--impl", "parallel", "--max-iter", "200");

        Path html = ChildJvm.WORK.toAbsolutePath().resolve("diff-" + System.nanoTime() + ".html");
        ChildJvm.Result diff = ChildJvm.run(List.of(jdk.java().toString(), "-jar", ChildJvm.AGENT_JAR.toAbsolutePath().toString(),
                "diff", before.toString(), after.toString(), "--format", "html", "-o", html.toString()), 120);
        assertThat(diff.exitCode()).as(diff.stderr()).isZero();

        HeadlessChromium browser = HeadlessChromium.start(chromium);
        // 1. the DOM after load: the graph, a box per frame with both runs' values, the hover line, the tables
        ChildJvm.Result dumped = browser.dumpDom(html);
        assertThat(dumped.stdout()).contains("<svg id=\"flame\"", "id=\"hover\"", "id=\"changes\"", "id=\"gone\"");
        List<String> tooltips = new ArrayList<>();
        Matcher m = TOOLTIP.matcher(dumped.stdout());
        while (m.find()) {
            tooltips.add(m.group(1));
        }
        assertThat(tooltips).anyMatch(t -> t.startsWith("dev.hotline.demo.JuliaSet.main(String[]) — per call ")
                && t.contains("calls 1 -&gt; 1") && t.contains("not judged"));
        assertThat(tooltips).anyMatch(t -> t.startsWith("dev.hotline.demo.ParallelJulia.compute(Grid, int) — new path"));
        assertThat(tooltips).filteredOn(t -> !t.contains("new path")).allMatch(t -> t.contains(" -&gt; "));
        // the boxed implementation's compute is gone in the second run
        assertThat(dumped.stdout().substring(dumped.stdout().indexOf("id=\"gone\"")))
                .contains("dev.hotline.demo.BoxedJulia.compute(Grid, int)");

        // 2. a screenshot: the boxes in their change colours
        Path png = ChildJvm.WORK.toAbsolutePath().resolve("diff-" + System.nanoTime() + ".png");
        ChildJvm.Result screenshot = browser.screenshot(html, 1300, 900, png);
        assertThat(png).as(screenshot.stderr()).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours).as("not-judged and new-path colours in the screenshot").contains(NOT_JUDGED_RGB, NEW_PATH_RGB);
        Files.copy(png, ChildJvm.WORK.resolve("diff-flame-graph-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path run(Jdks.Jdk jdk, String name, String... demoArgs) throws Exception {
        Path dump = ChildJvm.dumpPath(name);
        List<String> args = new ArrayList<>(List.of("-jar", ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "--width", "120"));
        args.addAll(List.of(demoArgs));
        ChildJvm.Result run = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.demo.*,out=" + dump, args.toArray(String[]::new)), 300);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Dumps.read(dump).methods()).isNotEmpty();
        return dump;
    }
}
