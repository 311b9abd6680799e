package dev.hotline.maven;

import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.HtmlReport;
import dev.hotline.core.report.MethodSort;
import dev.hotline.core.report.MethodTableReport;
import dev.hotline.core.report.SourceLookup;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the dump of the tests as the HTML page of {@code hotline report --format html} to
 * {@code outputDirectory/index.html} and prints the top of the method table to the build log. No
 * dump (the tests did not run) is a warning; a dump that cannot be read fails the build.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractHotlineMojo {

    /** The dump to report on, as {@code prepare-agent} wrote it. */
    @Parameter(property = "hotline.dataFile", defaultValue = "${project.build.directory}/hotline.hotline")
    File dataFile;

    /** Where {@code index.html} goes. */
    @Parameter(property = "hotline.outputDirectory", defaultValue = "${project.reporting.outputDirectory}/hotline")
    File outputDirectory;

    /** How many methods of the table the build log shows; 0 shows all. */
    @Parameter(property = "hotline.top", defaultValue = "25")
    int top;

    /** The order of the method table: tottime, cumtime, calls, percall, p50, p90, p99, max, exceptions or name. */
    @Parameter(property = "hotline.sort", defaultValue = "tottime")
    String sort;

    @Override
    void run() throws MojoExecutionException {
        MethodSort order = methodSort();
        if (!dataFile.isFile()) {
            getLog().warn("Skipping hotline report: no dump at " + dataFile + " (did the tests run with prepare-agent?)");
            return;
        }
        Profile profile = DumpFiles.read(dataFile);
        Path page = outputDirectory.toPath().resolve("index.html");
        try {
            Files.createDirectories(outputDirectory.toPath());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(page))) {
                new HtmlReport(sources()).render(profile, dataFile.toString(), out);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + page + ": " + e, e);
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        new MethodTableReport(order, top, false).render(profile, dataFile.toString(), table);
        for (String line : table.toString(StandardCharsets.UTF_8).split("\\R")) {
            getLog().info(line);
        }
        getLog().info("hotline report: " + page);
    }

    private MethodSort methodSort() throws MojoExecutionException {
        try {
            return MethodSort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("hotline report: sort " + sort
                    + ": expected tottime, cumtime, calls, percall, p50, p90, p99, max, exceptions or name", e);
        }
    }

    /** The project's source roots, for the line view of the page. */
    private SourceLookup sources() {
        List<String> roots = project.getCompileSourceRoots();
        return new SourceLookup(roots.stream().map(Paths::get).toList());
    }
}
