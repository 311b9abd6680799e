package dev.hotline.bench.moo;

import dev.hotline.bench.Payload;

/**
 * The allocation-probe workload: one small object per iteration, kept in a ring so it escapes
 * (the JIT cannot scalar-replace it away, as it could a temporary that never leaves the loop).
 */
public final class AllocationLoop {

    private static final Payload[] RING = new Payload[1024];

    private AllocationLoop() {
    }

    public static long run(int allocations) {
        long sum = 0;
        for (int i = 0; i < allocations; i++) {
            Payload p = new Payload(i, sum);
            RING[i & (RING.length - 1)] = p;
            sum += p.mix();
        }
        return sum;
    }
}
