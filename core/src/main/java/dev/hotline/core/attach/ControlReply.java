package dev.hotline.core.attach;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent's answer to a {@link ControlRequest}: {@code ok} or {@code error} on the first line,
 * then lines of text ({@code key=value} for the facts the command line reads, such as the dump path).
 */
public record ControlReply(boolean ok, List<String> lines) {

    public static ControlReply ok(String... lines) {
        return new ControlReply(true, List.of(lines));
    }

    public static ControlReply error(String message) {
        return new ControlReply(false, List.of(message));
    }

    /** The value of the first {@code key=value} line, or null. */
    public String value(String key) {
        for (String line : lines) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** The first line that is not {@code key=value}: what to tell the user. */
    public String message() {
        return lines.stream().filter(l -> !l.matches("[a-z]+=.*")).findFirst().orElse(ok ? "ok" : "failed");
    }

    /** Writes the reply (java.io: a file channel would open a socket pair in the host on JDK 17). */
    public void writeTo(Path file) throws IOException {
        StringBuilder text = new StringBuilder(ok ? "ok" : "error").append('\n');
        lines.forEach(line -> text.append(line).append('\n'));
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads a reply; null if the file does not exist (the agent did not answer). */
    public static ControlReply readFrom(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (all.isEmpty()) {
            return null;
        }
        return new ControlReply("ok".equals(all.get(0)), List.copyOf(all.subList(1, all.size())));
    }
}
