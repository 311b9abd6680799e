package dev.hotline.it.targets;

/** Calls tick() until killed, printing once so the test knows it started. */
public final class LoopApp {

    public static void main(String[] args) throws InterruptedException {
        System.out.println("started");
        System.out.flush();
        while (true) {
            tick();
            Thread.sleep(1);
        }
    }

    static long tick() {
        return System.nanoTime() & 1;
    }
}
