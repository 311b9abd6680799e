package dev.hotline.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDKs the integration tests run on: the one running the tests, every JDK 17+ under
 * /usr/lib/jvm (build machines carry a Temurin 25 beside the default 17), and any listed in
 * {@code HOTLINE_TEST_JDKS} (homes separated by the path separator). Duplicates by real path are
 * dropped.
 */
final class Jdks {

    static final String ENV = "HOTLINE_TEST_JDKS";
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    record Jdk(Path home, int feature) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "JDK " + feature + " (" + home + ")";
        }
    }

    private Jdks() {
    }

    static List<Jdk> all() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Paths.get(System.getProperty("java.home")));
        String extra = System.getenv(ENV);
        if (extra != null) {
            for (String home : extra.split(java.io.File.pathSeparator)) {
                if (!home.isBlank()) {
                    candidates.add(Paths.get(home.trim()));
                }
            }
        }
        Path shared = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(shared)) {
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(shared)) {
                homes.forEach(candidates::add);
            } catch (IOException e) {
                // no extra JDKs
            }
        }
        Map<Path, Jdk> unique = new LinkedHashMap<>();
        for (Path home : candidates) {
            try {
                if (!Files.isExecutable(home.resolve("bin/java"))) {
                    continue;
                }
                Path real = home.toRealPath();
                feature(real).filter(v -> v >= 17).ifPresent(v -> unique.putIfAbsent(real, new Jdk(real, v)));
            } catch (IOException e) {
                // not a usable JDK
            }
        }
        return new ArrayList<>(unique.values());
    }

    private static Optional<Integer> feature(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(Files.readString(release));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
