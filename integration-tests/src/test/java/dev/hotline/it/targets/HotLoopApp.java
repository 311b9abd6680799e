package dev.hotline.it.targets;

/**
 * A tiny method called from a hot loop, a fixed number of times (enough for C2 to compile the
 * loop with the method inlined): the shape whose probes must inline for hotline to cost little.
 */
public final class HotLoopApp {

    public static void main(String[] args) {
        long sum = 0;
        for (int round = 0; round < 40; round++) {
            sum += sum(1_000_000);
        }
        System.out.println("sum=" + sum);
    }

    static long sum(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += square(i);
        }
        return s;
    }

    static long square(int i) {
        return (long) i * i;
    }
}
