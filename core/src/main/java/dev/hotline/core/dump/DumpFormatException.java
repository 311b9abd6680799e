package dev.hotline.core.dump;

import java.io.IOException;

/**
 * A file that is not a readable dump; the message is one line a user can act on. Text taken from
 * the file (a class name, a descriptor) can hold anything: control characters are shown escaped and
 * the message is cut at {@value #MAX_LENGTH} characters, so it stays one line on a terminal.
 */
public final class DumpFormatException extends IOException {

    static final int MAX_LENGTH = 400;

    public DumpFormatException(String message) {
        super(oneLine(message));
    }

    static String oneLine(String message) {
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_LENGTH) + 8);
        int i = 0;
        for (; i < message.length() && line.length() < MAX_LENGTH; i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        if (i < message.length()) {
            line.append("...");
        }
        return line.toString();
    }
}
