package dev.hotline.core.dump;

import java.io.IOException;

/** A file that is not a readable dump; the message is one line a user can act on. */
public final class DumpFormatException extends IOException {
    public DumpFormatException(String message) {
        super(message);
    }
}
