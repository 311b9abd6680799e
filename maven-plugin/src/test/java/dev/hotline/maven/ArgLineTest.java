package dev.hotline.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ArgLineTest {

    private static final Path JAR = Paths.get("/repo/hotline-agent-shaded.jar");
    private static final String AGENT = "-javaagent:/repo/hotline-agent-shaded.jar=out=/b/target/hotline.hotline";

    @Test
    void the_agent_is_the_whole_line_when_there_was_none() {
        assertThat(ArgLine.withAgent(null, AGENT, JAR)).isEqualTo(AGENT);
        assertThat(ArgLine.withAgent("  ", AGENT, JAR)).isEqualTo(AGENT);
    }

    @Test
    void an_existing_line_is_kept_as_written_and_the_agent_follows_it() {
        assertThat(ArgLine.withAgent("-Xmx512m '-Dgreeting=hello world' -javaagent:/other/jacoco.jar=destfile=x", AGENT, JAR))
                .isEqualTo("-Xmx512m '-Dgreeting=hello world' -javaagent:/other/jacoco.jar=destfile=x " + AGENT);
    }

    @Test
    void an_earlier_hotline_agent_of_the_same_jar_is_replaced_not_loaded_twice() {
        String earlier = "-Xmx512m -javaagent:/repo/hotline-agent-shaded.jar=out=/old.hotline -ea";
        assertThat(ArgLine.withAgent(earlier, AGENT, JAR)).isEqualTo("-Xmx512m -ea " + AGENT);

        String quoted = "\"-javaagent:/repo/hotline-agent-shaded.jar=out=/my dir/old.hotline\" -ea";
        assertThat(ArgLine.withAgent(quoted, AGENT, JAR)).isEqualTo("-ea " + AGENT);
    }

    @Test
    void quotes_keep_white_space_inside_one_argument() {
        assertThat(ArgLine.split(" -a  \"-Db=c d\" 'e f'g -h ")).containsExactly("-a", "\"-Db=c d\"", "'e f'g", "-h");
    }
}
