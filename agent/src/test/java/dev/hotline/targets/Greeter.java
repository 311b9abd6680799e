package dev.hotline.targets;

/**
 * A class the agent's filter accepts (it is not one of hotline's own packages), with lines and an
 * allocation, for the transformer and session tests of the agent.
 */
public class Greeter {

    public String greet(String name) {
        StringBuilder text = new StringBuilder("hello, ");
        text.append(name);
        return text.toString();
    }
}
