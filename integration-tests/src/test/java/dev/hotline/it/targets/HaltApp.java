package dev.hotline.it.targets;

/** Works for a while (the agent flushes every interval), then Runtime.halt: no shutdown hook runs. */
public final class HaltApp {

    public static void main(String[] args) throws InterruptedException {
        long until = System.currentTimeMillis() + Long.parseLong(args[0]);
        while (System.currentTimeMillis() < until) {
            step();
            Thread.sleep(1);
        }
        Runtime.getRuntime().halt(3);
    }

    static int step() {
        return 1;
    }
}
