package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reading dumps back through core, and finding methods in them by class and name. */
final class Dumps {

    private Dumps() {
    }

    static Profile read(Path dump) throws IOException {
        assertThat(dump).as("dump file").exists();
        Profile profile = DumpReader.read(dump);
        assertThat(profile.session().get("classes.failed")).as("classes whose transform failed").isEqualTo("0");
        return profile;
    }

    /** The single method named {@code name} of class {@code className}. */
    static MethodProfile method(Profile profile, String className, String name) {
        List<MethodProfile> matches = profile.methods().stream()
                .filter(m -> m.method().className().equals(className) && m.method().name().equals(name))
                .collect(Collectors.toList());
        assertThat(matches).as("methods %s.%s in the dump", className, name).hasSize(1);
        return matches.get(0);
    }

    static long calls(Profile profile, String className, String name) {
        return profile.methods().stream()
                .filter(m -> m.method().className().equals(className) && m.method().name().equals(name))
                .mapToLong(MethodProfile::calls).sum();
    }
}
