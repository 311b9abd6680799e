package dev.hotline.it.targets;

/** Ends main with an uncaught exception thrown two instrumented frames deep (exit code 1). */
public final class UncaughtApp {

    public static void main(String[] args) {
        for (int i = 0; i < 3; i++) {
            helper(i);
        }
        fail();
    }

    static int helper(int i) {
        return i + 1;
    }

    static void fail() {
        throw new IllegalStateException("deliberate");
    }
}
