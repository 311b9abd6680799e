package dev.hotline.cli;

import dev.hotline.core.profile.Profile;
import dev.hotline.core.report.Format;
import dev.hotline.core.report.ProfileRenderer;
import dev.hotline.core.report.ReportSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a profile in one format to a file or to the command's standard output. */
final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * @param source what the profile was read from, for headers and titles
     * @param file   where to write; null: standard output
     * @return the command's exit code
     */
    static int write(Format format, ReportSettings settings, Profile profile, String source, Path file, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        ProfileRenderer renderer = format.renderer(settings);
        if (file != null) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                renderer.render(profile, source, out);
            } catch (IOException e) {
                err.println("hotline " + spec.name() + ": cannot write " + file + ": " + HotlineCli.describe(e));
                return HotlineCli.EXIT_BAD_INPUT;
            }
            return 0;
        }
        if (format.binary()) {
            err.println("hotline " + spec.name() + ": --format " + format.label()
                    + " writes bytes, not text: write it to a file (hotline report DUMP --format " + format.label() + " -o FILE)");
            return HotlineCli.EXIT_BAD_INPUT;
        }
        try (OutputStream out = new WriterOutputStream(spec.commandLine().getOut())) {
            renderer.render(profile, source, out);
        } catch (IOException e) {
            err.println("hotline " + spec.name() + ": cannot write the report: " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        return 0;
    }
}
