package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded agent jar keeps out of the host's way: only hotline's own namespace, all relocated. */
class AgentJarTest {

    @Test
    void holds_only_dev_hotline_and_meta_inf() throws Exception {
        List<String> outside = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("dev/hotline/") && !name.startsWith("META-INF/") && !name.equals("dev/")) {
                    outside.add(name);
                }
            }
        }
        assertThat(outside).isEmpty();
    }

    @Test
    void relocates_every_dependency_under_dev_hotline_shaded() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            assertThat(jar.getEntry("dev/hotline/shaded/asm/ClassReader.class")).isNotNull();
            assertThat(jar.getEntry("dev/hotline/shaded/hdrhistogram/Histogram.class")).isNotNull();
            assertThat(jar.getEntry("dev/hotline/shaded/picocli/CommandLine.class")).isNotNull();
            assertThat(jar.getEntry("dev/hotline/runtime/Probes.class")).isNotNull();
        }
    }

    @Test
    void carries_the_cli_and_leaves_the_demo_beside_it() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            assertThat(jar.getEntry("dev/hotline/cli/HotlineCli.class")).isNotNull();
            assertThat(jar.getEntry("dev/hotline/demo/JuliaSet.class")).isNull();
        }
        assertThat(ChildJvm.AGENT_JAR.toAbsolutePath().resolveSibling("hotline-demo.jar")).isRegularFile();
    }

    @Test
    void manifest_declares_premain_agentmain_main_and_retransformation() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("dev.hotline.agent.HotlineAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("dev.hotline.agent.HotlineAgent");
            assertThat(main.getValue("Main-Class")).isEqualTo("dev.hotline.agent.Main");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }
}
