package dev.hotline.bench;

import dev.hotline.bench.floor.FloorMonitoredClass;
import dev.hotline.bench.moo.MonitoredClass;
import java.util.Arrays;
import java.util.Locale;

/**
 * The MooBench driver: {@code --calls} outer calls of a method recursing {@code --depth} deep, each
 * outer call timed; prints the mean (and median) of the second half, after the JIT has settled.
 *
 * <pre>java -cp ... dev.hotline.bench.MooBench [--calls 2000000] [--depth 10] [--floor] [--delay MS]</pre>
 *
 * {@code --delay} waits before the first call (default 0): hotline's probe-cost calibration settles
 * some hundreds of ms after the JVM starts, and until then its adaptive timing times every call, so a
 * measurement of its steady state waits for it (as a server would run a while before the code of
 * interest); the suite gives every configuration the same delay.
 *
 * Output, one line: {@code moobench depth=10 calls=2000000 mean_ns=123.4 median_ns=120 check=...}
 */
public final class MooBench {

    private MooBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        int calls = 2_000_000;
        int depth = 10;
        boolean floor = false;
        long delayMillis = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--floor" -> floor = true;
                case "--delay" -> delayMillis = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Thread.sleep(delayMillis);
        long[] times = new long[calls];
        long check = 0;
        if (floor) {
            FloorMonitoredClass app = new FloorMonitoredClass();
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                check += app.monitoredMethod(0, depth);
                times[i] = System.nanoTime() - start;
            }
            if (FloorMonitoredClass.recorded() != (long) calls * depth) {
                throw new AssertionError("floor histogram holds " + FloorMonitoredClass.recorded() + " values");
            }
        } else {
            MonitoredClass app = new MonitoredClass();
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                check += app.monitoredMethod(0, depth);
                times[i] = System.nanoTime() - start;
            }
        }
        long[] secondHalf = Arrays.copyOfRange(times, calls / 2, calls);
        double mean = Arrays.stream(secondHalf).average().orElse(Double.NaN);
        Arrays.sort(secondHalf);
        System.out.printf(Locale.ROOT, "moobench depth=%d calls=%d mean_ns=%.2f median_ns=%d check=%d%n",
                depth, calls, mean, secondHalf[secondHalf.length / 2], check & 0xff);
    }
}
