package dev.hotline.maven;

import dev.hotline.core.dump.DumpFormatException;
import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.Profile;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;

/** Reads a dump for a goal: a dump that is there but cannot be read stops the build, saying why. */
final class DumpFiles {

    private DumpFiles() {
    }

    static Profile read(File dump) throws MojoExecutionException {
        try {
            return DumpReader.read(dump.toPath());
        } catch (DumpFormatException e) {
            throw new MojoExecutionException("cannot read " + dump + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + dump + ": " + e, e);
        }
    }
}
