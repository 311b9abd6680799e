package dev.hotline.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal has: the project, and {@code hotline.skip}. */
abstract class AbstractHotlineMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skip the goal (every hotline goal reads the same property). */
    @Parameter(property = "hotline.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping hotline: hotline.skip is set");
            skipped();
            return;
        }
        run();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** What a skipped goal still does; nothing unless a goal says otherwise. */
    void skipped() {
    }
}
