package dev.hotline.core.instrument.targets;

/** Validation target: calls and calls ended by an exception ("thrown") per run(). */
public class Exceptions implements Runnable {

    @Override
    public void run() {                                // calls: 1, thrown: 0
        int caught = 0;
        for (int i = 0; i < 5; i++) {
            try {
                outer(i);
            } catch (IllegalStateException e) {
                caught++;
            }
        }
        catchesItself();
        if (caught != 2) {
            throw new AssertionError(caught);
        }
    }

    static int outer(int i) {                          // calls: 5, thrown: 2
        return inner(i) + 1;
    }

    static int inner(int i) {                          // calls: 6, thrown: 3
        if (i % 2 == 1) {
            throw new IllegalStateException("odd " + i);
        }
        return i;
    }

    static int catchesItself() {                       // calls: 1, thrown: 0
        try {
            return inner(1);
        } catch (IllegalStateException e) {
            return -1;
        } finally {
            square(3);
        }
    }

    static int square(int x) {                         // calls: 1, thrown: 0
        return x * x;
    }
}
