package dev.hotline.bench.floor;

import org.HdrHistogram.Histogram;

/**
 * {@link dev.hotline.bench.moo.MonitoredClass} with the cheapest exact timer written by hand: two
 * {@code System.nanoTime()} reads and an HdrHistogram record in try/finally. What any per-call
 * latency histogram must at least cost; hotline's probes are compared with it.
 */
public final class FloorMonitoredClass {

    /** Same precision as hotline's buckets (2 significant digits), resizing as values grow. */
    private static final Histogram LATENCIES = new Histogram(2);

    public long monitoredMethod(long methodTime, int recDepth) {
        long start = System.nanoTime();
        try {
            if (recDepth > 1) {
                return monitoredMethod(methodTime, recDepth - 1);
            }
            long exitTime = System.nanoTime() + methodTime;
            long now;
            do {
                now = System.nanoTime();
            } while (now < exitTime);
            return now;
        } finally {
            LATENCIES.recordValue(System.nanoTime() - start);
        }
    }

    /** Calls recorded (so the JIT cannot drop the histogram, and the driver can check it). */
    public static long recorded() {
        return LATENCIES.getTotalCount();
    }
}
