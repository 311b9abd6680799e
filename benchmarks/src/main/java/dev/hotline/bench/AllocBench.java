package dev.hotline.bench;

import dev.hotline.bench.moo.AllocationLoop;
import java.util.Locale;

/**
 * The allocation-probe driver: 10 rounds of {@code --allocations} allocations in one method;
 * prints the mean ns per allocation over the last 5 rounds (after the JIT has settled).
 */
public final class AllocBench {

    private AllocBench() {
    }

    public static void main(String[] args) {
        int allocations = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        long sink = 0;
        long measured = 0;
        for (int round = 0; round < 10; round++) {
            long start = System.nanoTime();
            sink += AllocationLoop.run(allocations);
            long elapsed = System.nanoTime() - start;
            if (round >= 5) {
                measured += elapsed;
            }
        }
        System.out.printf(Locale.ROOT, "alloc ns_per_allocation=%.3f sink=%d%n", measured / (5.0 * allocations),
                sink & 1);
    }
}
