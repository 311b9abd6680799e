package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreeterTest {

    /** Exactly sample.repeat calls of greet: the count the verify scripts and the baseline expect. */
    @Test
    void greets_as_often_as_asked() {
        Greeter greeter = new Greeter("Hello");
        int repeat = Integer.getInteger("sample.repeat");
        for (int i = 0; i < repeat; i++) {
            assertEquals("Hello, " + i + "!", greeter.greet(Integer.toString(i)));
        }
    }

    /** The argLine the project had is kept, and the agent is on it unless hotline.skip was set. */
    @Test
    void runs_with_the_projects_own_arguments_and_the_agent() {
        assertEquals("kept", System.getProperty("sample.property"), "-D from the project's argLine property");
        assertEquals("kept", System.getProperty("sample.surefire"), "-D from Surefire's <argLine> after @{argLine}");
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean agent = arguments.stream().anyMatch(a -> a.startsWith("-javaagent:") && a.contains("hotline-agent"));
        assertEquals(Boolean.getBoolean("sample.expectAgent"), agent, "hotline agent among " + arguments);
    }
}
