package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records, sealed types, nest mates, indy string concatenation and lambdas, compiled by each JDK's
 * javac for its own newest class file version and run on it with every probe on: same output as
 * without the agent, exact counts, no transform failure.
 */
class ModernBytecodeTest {

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void modern_language_features_at_the_newest_class_file_version_run_unchanged(Jdks.Jdk jdk) throws Exception {
        Path classes = Files.createDirectories(ChildJvm.WORK.toAbsolutePath().resolve("modern-" + jdk.feature()));
        Path source = Paths.get(System.getProperty("hotline.modern.source", "src/test/modern"), "Modern.java").toAbsolutePath();
        ChildJvm.Result javac = ChildJvm.run(List.of(jdk.home().resolve("bin/javac").toString(), "--release",
                Integer.toString(jdk.feature()), "-d", classes.toString(), source.toString()), 120);
        assertThat(javac.exitCode()).as(javac.stderr()).isZero();
        byte[] main = Files.readAllBytes(classes.resolve("Modern.class"));
        assertThat(((main[6] & 0xFF) << 8) | (main[7] & 0xFF)).as("class file major").isEqualTo(44 + jdk.feature());

        ChildJvm.Result plain = ChildJvm.run(ChildJvm.java(jdk, null, "-cp", classes.toString(), "Modern"), 120);
        Path dump = ChildJvm.dumpPath("modern");
        ChildJvm.Result profiled = ChildJvm.run(ChildJvm.java(jdk, "lines=Modern*,alloc=Modern*,out=" + dump,
                "-cp", classes.toString(), "Modern"), 120);

        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(profiled.exitCode()).as(profiled.stderr()).isZero();
        assertThat(profiled.stdout()).isEqualTo(plain.stdout()).contains("round of area 3; square of area 4", "peek=42");
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.method(profile, "Modern", "describe").calls()).isEqualTo(3);
        assertThat(Dumps.method(profile, "Modern$Circle", "area").calls()).isEqualTo(2);
        assertThat(Dumps.method(profile, "Modern$Peeker", "peek").calls()).isEqualTo(1);
        assertThat(profile.methods()).anySatisfy(m -> {
            assertThat(m.method().name()).startsWith("lambda$main$");
            assertThat(m.calls()).isEqualTo(3);
        });
        assertThat(profile.lines()).isNotEmpty();
        assertThat(profile.allocations()).anySatisfy(a -> assertThat(a.site().type()).isEqualTo("Modern$Circle"));
    }
}
