package sample;

/** The library under test: its tests call {@link #greet} as often as sample.repeat says. */
public final class Greeter {

    private final String greeting;

    public Greeter(String greeting) {
        this.greeting = greeting;
    }

    public String greet(String name) {
        return greeting + ", " + name + "!";
    }
}
