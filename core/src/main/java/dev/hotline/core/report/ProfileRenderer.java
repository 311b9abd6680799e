package dev.hotline.core.report;

import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * One output format of a profile: every {@link Format} names the renderer that writes it. The
 * target is a byte stream so that binary formats fit the same seam; text formats write UTF-8.
 */
@FunctionalInterface
public interface ProfileRenderer {

    /**
     * Writes the whole output for {@code profile} to {@code out} and flushes it; does not close it.
     *
     * @param source what the profile was read from (a dump's path), for headers and titles
     */
    void render(Profile profile, String source, OutputStream out) throws IOException;

    /** A UTF-8 writer on {@code out} for text formats; flush it, do not close it (that would close {@code out}). */
    static PrintWriter text(OutputStream out) {
        return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }
}
