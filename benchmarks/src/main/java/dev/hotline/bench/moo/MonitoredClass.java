package dev.hotline.bench.moo;

/**
 * MooBench's monitored application: a method that calls itself {@code recDepth} deep and, at the
 * bottom, busy-waits {@code methodTime} ns (0 here: no work, so what is measured is the probes).
 * The only class the agents under test are told to instrument.
 */
public final class MonitoredClass {

    public long monitoredMethod(long methodTime, int recDepth) {
        if (recDepth > 1) {
            return monitoredMethod(methodTime, recDepth - 1);
        }
        long exitTime = System.nanoTime() + methodTime;
        long now;
        do {
            now = System.nanoTime();
        } while (now < exitTime);
        return now;
    }
}
