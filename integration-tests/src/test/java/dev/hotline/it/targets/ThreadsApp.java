package dev.hotline.it.targets;

import java.util.ArrayList;
import java.util.List;

/** 16 threads call the same method the same number of times; threads end before the dump. */
public final class ThreadsApp {

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        int callsPerThread = Integer.parseInt(args[1]);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long sum = 0;
                for (int i = 0; i < callsPerThread; i++) {
                    sum += shared(i);
                }
                if (sum < 0) {
                    throw new AssertionError();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("done");
    }

    static int shared(int i) {
        return i & 7;
    }
}
