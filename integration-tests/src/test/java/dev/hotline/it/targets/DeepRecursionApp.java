package dev.hotline.it.targets;

/**
 * Mutual recursion whose paths never repeat: on each of two threads, three methods call one another
 * 3,000 levels deep in an order drawn from a fixed-seed generator, 200 times over (a call tree
 * without folding would hold about 1.2 million distinct paths). Prints each method's own count of
 * its calls over both threads, for the test to compare with the dump.
 */
public class DeepRecursionApp {

    private final long[] calls = new long[3];
    private long seed;

    DeepRecursionApp(long seed) {
        this.seed = seed;
    }

    private int next() {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        return (int) ((seed >>> 33) % 3);
    }

    long a(int depth) {
        calls[0]++;
        return depth == 0 ? 1 : 1 + step(depth - 1);
    }

    long b(int depth) {
        calls[1]++;
        return depth == 0 ? 2 : 2 + step(depth - 1);
    }

    long c(int depth) {
        calls[2]++;
        return depth == 0 ? 3 : 3 + step(depth - 1);
    }

    private long step(int depth) {
        switch (next()) {
            case 0:
                return a(depth);
            case 1:
                return b(depth);
            default:
                return c(depth);
        }
    }

    public static void main(String[] args) throws Exception {
        DeepRecursionApp[] apps = {new DeepRecursionApp(1), new DeepRecursionApp(2)};
        Thread[] threads = new Thread[apps.length];
        long[] sums = new long[apps.length];
        for (int t = 0; t < apps.length; t++) {
            final int i = t;
            threads[t] = new Thread(() -> {
                for (int round = 0; round < 200; round++) {
                    sums[i] += apps[i].step(3000);
                }
            }, "recursion-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] total = new long[3];
        for (DeepRecursionApp app : apps) {
            for (int m = 0; m < 3; m++) {
                total[m] += app.calls[m];
            }
        }
        System.out.println("a=" + total[0] + " b=" + total[1] + " c=" + total[2] + " sum=" + (sums[0] + sums[1]));
    }
}
