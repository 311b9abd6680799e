package dev.hotline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotline.core.options.AgentOptions;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentArgumentTest {

    private static final Path JAR = Paths.get("/repo/dev/hotline/hotline-agent-0.1.0-shaded.jar");

    /** A prepare-agent goal with every agent option set, as Maven would configure it. */
    private static PrepareAgentMojo everyOption() {
        PrepareAgentMojo goal = new PrepareAgentMojo();
        goal.destFile = new File("/build/target/hotline.hotline");
        goal.includes = List.of("com.acme.*", " org.example.Foo ");
        goal.excludes = List.of("com.acme.generated.*");
        goal.lines = List.of("com.acme.Parser#parse*");
        goal.lineHits = List.of("com.acme.util.*");
        goal.alloc = List.of("com.acme.Parser", "com.acme.Lexer#next");
        goal.log = "info";
        goal.interval = "10s";
        goal.dumpClasses = new File("/build/target/classes-seen");
        goal.maxMethods = 1000;
        goal.timing = "exact";
        goal.budget = "2.5";
        goal.callTree = "5000/20000";
        goal.metrics = "127.0.0.1:9464";
        goal.metricsTop = 12;
        goal.metricsSort = "calls";
        return goal;
    }

    /** The agent's own parser, as premain runs it on what follows {@code =}. */
    private static AgentOptions parsedByTheAgent(String argument) {
        String prefix = "-javaagent:" + JAR + "=";
        assertThat(argument).startsWith(prefix);
        return AgentOptions.parse(argument.substring(prefix.length()));
    }

    @Test
    void every_parameter_reaches_the_agent_as_the_option_of_the_same_name() {
        AgentOptions options = parsedByTheAgent(everyOption().agentArgument().toArgument(JAR));

        assertThat(options.problems()).isEmpty();
        assertThat(options.includes().matches("com.acme.Parser")).isTrue();
        assertThat(options.includes().matches("org.example.Foo")).isTrue();
        assertThat(options.includes().matches("org.example.Bar")).isFalse();
        assertThat(options.excludes().matches("com.acme.generated.X")).isTrue();
        assertThat(options.lines().selects("com.acme.Parser", "parseAll")).isTrue();
        assertThat(options.lines().selects("com.acme.Parser", "close")).isFalse();
        assertThat(options.lineHits().selectsClass("com.acme.util.Strings")).isTrue();
        assertThat(options.alloc().selects("com.acme.Lexer", "next")).isTrue();
        assertThat(options.alloc().selects("com.acme.Parser", "anything")).isTrue();
        assertThat(options.out(42)).isEqualTo(Paths.get("/build/target/hotline.hotline"));
        assertThat(options.logLevel()).isEqualTo("info");
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.dumpClasses()).isEqualTo(Paths.get("/build/target/classes-seen"));
        assertThat(options.maxMethods()).isEqualTo(1000);
        assertThat(options.exactTiming()).isTrue();
        assertThat(options.budgetPercent()).isEqualTo(2.5);
        assertThat(options.callTreePerThread()).isEqualTo(5000);
        assertThat(options.callTreeTotal()).isEqualTo(20000);
        assertThat(options.metrics()).isEqualTo(new dev.hotline.core.options.MetricsAddress("127.0.0.1", 9464));
        assertThat(options.metricsTop()).isEqualTo(12);
        assertThat(options.metricsSort()).isEqualTo("calls");
    }

    @Test
    void without_parameters_only_the_dump_path_is_set_and_the_rest_are_the_agents_defaults() {
        PrepareAgentMojo goal = new PrepareAgentMojo();
        goal.destFile = new File("/build/target/hotline.hotline");

        String argument = goal.agentArgument().toArgument(JAR);

        assertThat(argument).isEqualTo("-javaagent:" + JAR + "=out=/build/target/hotline.hotline");
        AgentOptions options = parsedByTheAgent(argument);
        assertThat(options.includes()).isNull();
        assertThat(options.exactTiming()).isFalse();
        assertThat(options.maxMethods()).isEqualTo(AgentOptions.DEFAULT_MAX_METHODS);
    }

    @Test
    void a_value_the_agent_would_ignore_stops_the_build_naming_the_parameter() {
        PrepareAgentMojo goal = everyOption();
        goal.timing = "fast";
        assertThatThrownBy(() -> goal.agentArgument()).hasMessage("timing fast: expected adaptive (the default) or exact");

        goal.timing = null;
        goal.interval = "1ms";
        assertThatThrownBy(() -> goal.agentArgument()).hasMessageStartingWith("interval 1ms: expected a duration");

        goal.interval = null;
        goal.maxMethods = 0;
        assertThatThrownBy(() -> goal.agentArgument()).hasMessageStartingWith("maxMethods 0: expected a whole number");
    }

    @Test
    void a_comma_in_a_value_is_refused_rather_than_read_as_another_option() {
        PrepareAgentMojo goal = everyOption();
        goal.includes = List.of("com.acme.*,out=/tmp/elsewhere");

        assertThatThrownBy(() -> goal.agentArgument())
                .hasMessageStartingWith("includes 'com.acme.*,out=/tmp/elsewhere': ',' separates agent options");
    }

    @Test
    void an_argument_with_white_space_is_quoted_as_one_argument() {
        PrepareAgentMojo goal = new PrepareAgentMojo();
        goal.destFile = new File("/my build/target/hotline.hotline");

        String argument = goal.agentArgument().toArgument(Paths.get("/home/me/my repo/hotline-agent.jar"));

        assertThat(argument).isEqualTo("\"-javaagent:/home/me/my repo/hotline-agent.jar=out=/my build/target/hotline.hotline\"");
        assertThat(ArgLine.split("-Xmx1g " + argument)).containsExactly("-Xmx1g", argument);
    }
}
