package dev.hotline.bench;

import java.util.Locale;

/**
 * What one {@code System.nanoTime()} costs on this machine and JVM: the best of five rounds of 10
 * million back-to-back reads, and the smallest step between two reads (the clock's granularity).
 */
public final class NanoTimeCost {

    private NanoTimeCost() {
    }

    public static void main(String[] args) {
        int reads = 10_000_000;
        double best = Double.MAX_VALUE;
        long sink = 0;
        long granularity = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long last = start;
            for (int i = 0; i < reads; i++) {
                long now = System.nanoTime();
                long step = now - last;
                if (step > 0 && step < granularity) {
                    granularity = step;
                }
                last = now;
                sink += now;
            }
            best = Math.min(best, (double) (last - start) / reads);
        }
        System.out.printf(Locale.ROOT, "nanotime_ns=%.1f granularity_ns=%d vm=%s %s sink=%d%n", best, granularity,
                System.getProperty("java.vm.name").replace(' ', '_'), System.getProperty("java.vm.version"),
                sink & 1);
    }
}
