package dev.hotline.it.targets.attach;

/** The class an attached hotline instruments and a detach must give back its bytes. */
public final class Worker {

    private Worker() {
    }

    static long work(int i) {
        return i * 31L + (i >> 2);
    }
}
