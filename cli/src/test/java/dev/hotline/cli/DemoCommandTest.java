package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void the_demo_jar_is_the_one_beside_the_agent_jar() {
        Path agentJar = Path.of("build", "..", "dist", "hotline-agent.jar");

        assertThat(DemoCommand.defaultDemoJar(agentJar)).isEqualTo(Path.of("dist", "hotline-demo.jar").toAbsolutePath());
    }
}
