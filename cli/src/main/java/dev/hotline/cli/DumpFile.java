package dev.hotline.cli;

import dev.hotline.core.dump.DumpFormatException;
import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a dump named on the command line, saying in one line why when it cannot. */
final class DumpFile {

    private DumpFile() {
    }

    /** The dump's profile, or null after one line on {@code err} saying why it cannot be read. */
    static Profile read(Path dump, PrintWriter err) {
        String problem;
        try {
            return DumpReader.read(dump);
        } catch (NoSuchFileException e) {
            problem = "no dump at " + dump;
        } catch (DumpFormatException e) {
            problem = "cannot read " + dump + ": " + e.getMessage();
        } catch (IOException e) {
            problem = "cannot read " + dump + ": " + HotlineCli.describe(e);
        }
        err.println("hotline: " + problem);
        err.flush();
        return null;
    }
}
