package dev.hotline.core.instrument.targets;

/** A method that spends nearly all its time on one line. */
public class Sleeper implements Runnable {

    @Override
    public void run() {
        int x = 1;
        try {
            Thread.sleep(200);                                // the slow line
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        x++;
        if (x != 2) {
            throw new AssertionError();
        }
    }
}
