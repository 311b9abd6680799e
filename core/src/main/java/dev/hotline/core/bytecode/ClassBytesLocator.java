package dev.hotline.core.bytecode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a class file's bytes from a class path (directories and jars) without loading or
 * initializing the class.
 */
public final class ClassBytesLocator {

    private final List<Path> entries;

    private ClassBytesLocator(List<Path> entries) {
        this.entries = entries;
    }

    /** @param classPath directories and jars separated by the platform's path separator */
    public static ClassBytesLocator ofClassPath(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Paths.get(entry));
            }
        }
        return new ClassBytesLocator(entries);
    }

    /** @param binaryName {@code pkg.Outer$Inner} (slashes are accepted too) */
    public Optional<byte[]> find(String binaryName) throws IOException {
        String resource = binaryName.replace('.', '/') + ".class";
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                Path file = entry.resolve(resource);
                if (Files.isRegularFile(file)) {
                    return Optional.of(Files.readAllBytes(file));
                }
            } else if (Files.isRegularFile(entry)) {
                try (ZipFile zip = new ZipFile(entry.toFile())) {
                    ZipEntry zipEntry = zip.getEntry(resource);
                    if (zipEntry != null) {
                        try (InputStream in = zip.getInputStream(zipEntry)) {
                            return Optional.of(in.readAllBytes());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The class path entries that do not exist (to warn about). */
    public List<Path> missingEntries() {
        return entries.stream().filter(p -> !Files.exists(p)).toList();
    }
}
