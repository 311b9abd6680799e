package dev.hotline.core.instrument.targets;

/** Validation target: constructors, including code before super(...) and this(...). */
public class Constructors implements Runnable {

    @Override
    public void run() {                                // calls: 1
        new Derived(3);
        new Derived();
        try {
            new Derived(-1);
        } catch (IllegalArgumentException expected) {
            // thrown after super(...) returned
        }
        try {
            new Derived("bad");
        } catch (IllegalArgumentException expected) {
            // thrown by Base's constructor, inside super(...)
        }
        new Constructors();
    }

    static int check(int x) {                          // calls: 7
        return x;
    }

    static class Base {
        final int value;

        Base(int value) {                              // calls: 4, thrown: 1
            if (value == Integer.MIN_VALUE) {
                throw new IllegalArgumentException("base");
            }
            this.value = value;
        }
    }

    static class Derived extends Base {
        Derived(int value) {                           // calls: 3, thrown: 1
            super(check(value) > 100 ? new Base(value).value : check(value));
            if (value < 0) {
                throw new IllegalArgumentException("negative");
            }
        }

        Derived() {                                    // calls: 1
            this(check(7));
        }

        // The call whose super(...) throws is not counted: an exception thrown by the
        // super constructor itself passes no handler of this constructor.
        Derived(String s) {                            // calls: 0
            super(Integer.MIN_VALUE);
        }
    }
}
