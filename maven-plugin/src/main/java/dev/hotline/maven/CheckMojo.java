package dev.hotline.maven;

import dev.hotline.core.compare.Metric;
import dev.hotline.core.compare.RegressionCheck;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.profile.Profile;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when a method regressed past a limit against a baseline dump, and beyond what
 * the recorded spread explains: {@code hotline check BASELINE CURRENT --max-regression ...}, with
 * the same metrics, noise test and messages. No current dump (the tests did not run) is a warning.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractHotlineMojo {

    /** The dump to compare against, such as one committed with the sources. */
    @Parameter(property = "hotline.baseline", required = true)
    File baseline;

    /** The dump of this build, as {@code prepare-agent} wrote it. */
    @Parameter(property = "hotline.dataFile", defaultValue = "${project.build.directory}/hotline.hotline")
    File dataFile;

    /**
     * The limits, METRIC=PERCENT each, such as {@code p99=10%} or {@code calls=0%}. Metrics: calls,
     * p50, p90, p99, max, mean, total, self.
     */
    @Parameter(property = "hotline.maxRegressions", required = true)
    List<String> maxRegressions;

    /** Check only these methods: class patterns or {@code Class#method} (default all). */
    @Parameter(property = "hotline.methods")
    List<String> methods;

    /** Skip methods with fewer calls in either dump: too few to judge. */
    @Parameter(property = "hotline.minCalls", defaultValue = "20")
    long minCalls;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        RegressionCheck check = new RegressionCheck(limits(), selection(), minCalls);
        if (!dataFile.isFile()) {
            getLog().warn("Skipping hotline check: no dump at " + dataFile + " (did the tests run with prepare-agent?)");
            return;
        }
        if (!baseline.isFile()) {
            throw new MojoExecutionException("hotline check: no baseline dump at " + baseline);
        }
        Profile before = DumpFiles.read(baseline);
        Profile after = DumpFiles.read(dataFile);
        RegressionCheck.Result result = check.run(before, after);
        if (result.nothingChecked()) {
            throw new MojoExecutionException("hotline check: " + result.summary());
        }
        if (result.passed()) {
            getLog().info("hotline check: " + result.summary());
            return;
        }
        getLog().error("hotline check: " + result.summary());
        result.regressions().forEach(r -> getLog().error("  " + r.describe()));
        throw new MojoFailureException("hotline check: " + result.summary() + " against " + baseline);
    }

    private List<RegressionCheck.Limit> limits() throws MojoExecutionException {
        Map<Metric, RegressionCheck.Limit> limits = new LinkedHashMap<>();
        for (String text : maxRegressions) {
            try {
                RegressionCheck.Limit limit = RegressionCheck.Limit.parse(text);
                limits.put(limit.metric(), limit);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("hotline check: bad maxRegression '" + text
                        + "': expected METRIC=PERCENT such as p99=10% (metrics: calls, p50, p90, p99, max, mean, total, self)", e);
            }
        }
        if (limits.isEmpty()) {
            throw new MojoExecutionException("hotline check: no maxRegressions: give at least one, such as p99=10%");
        }
        return List.copyOf(limits.values());
    }

    private MethodSelection selection() {
        return methods == null || methods.isEmpty() ? null : MethodSelection.parse(String.join(":", methods));
    }
}
