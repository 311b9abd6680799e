package dev.hotline.it.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Deletes the directory the dump should go to, then exits with code 5. */
public final class DisappearingDirApp {

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        Files.deleteIfExists(dir);
        System.out.println("deleted " + dir.getFileName());
        System.exit(5);
    }
}
