package dev.hotline.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds source files by their path relative to a source root ({@code pkg/Cls.java}) in directories
 * and {@code -sources.jar} files, in the order given; the working directory's
 * {@code src/main/java} is always tried last. Files that cannot be read count as absent.
 */
public final class SourceLookup {

    private final List<Path> roots = new ArrayList<>();
    private final Map<String, List<String>> cache = new HashMap<>();

    public SourceLookup(List<Path> roots) {
        this.roots.addAll(roots);
        this.roots.add(Paths.get("src", "main", "java"));
    }

    /** Parses a source path: entries separated by the platform's path separator. */
    public static SourceLookup of(String sourcePath) {
        List<Path> roots = new ArrayList<>();
        if (sourcePath != null) {
            for (String entry : sourcePath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    roots.add(Paths.get(entry));
                }
            }
        }
        return new SourceLookup(roots);
    }

    /** The text of {@code line} (1-based) of {@code file}, or "" if the source is not found. */
    public String line(String file, int line) {
        List<String> lines = cache.computeIfAbsent(file, this::load);
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    /** Whether the source of {@code file} was found. */
    public boolean has(String file) {
        return !cache.computeIfAbsent(file, this::load).isEmpty();
    }

    private List<String> load(String file) {
        if (file.isEmpty()) {
            return List.of();
        }
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    Path candidate = root.resolve(file);
                    if (Files.isRegularFile(candidate)) {
                        return Files.readAllLines(candidate, StandardCharsets.UTF_8);
                    }
                } else if (Files.isRegularFile(root)) {
                    try (ZipFile zip = new ZipFile(root.toFile())) {
                        ZipEntry entry = zip.getEntry(file);
                        if (entry != null) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: try the next root
            }
        }
        return List.of();
    }
}
