package dev.hotline.bench.jmh;

import dev.hotline.runtime.Probes;
import dev.hotline.runtime.ThreadRecorder;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The probe hot path in isolation: what one timed call adds (enter + exit), with and without a line
 * probe and an allocation count, what a counted-lines method pays per call, against the clock alone
 * and the hand-written floor (two clock reads and an HdrHistogram record). Compare the rows of one run with each other, not across machines.
 *
 * <pre>java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' org.openjdk.jmh.Main ProbeCost</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProbeCostBenchmark {

    private static final int METHOD = 7;
    private static final int CALLER = 8;
    private static final int LINE = 3;
    private static final int SITE = 2;

    private final Histogram floor = new Histogram(2);
    private ThreadRecorder caller;

    @org.openjdk.jmh.annotations.Setup
    public void openCaller() {
        // Every measured call happens inside an open instrumented caller, as in an application.
        caller = Probes.enter(CALLER);
    }

    @Benchmark
    public long clockTwice() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    @Benchmark
    public void handWrittenFloor() {
        long start = System.nanoTime();
        floor.recordValue(System.nanoTime() - start);
    }

    @Benchmark
    public ThreadRecorder timedCall() {
        ThreadRecorder r = Probes.enter(METHOD);
        Probes.exit(r, METHOD);
        return r;
    }

    @Benchmark
    public ThreadRecorder timedCallWithLine() {
        ThreadRecorder r = Probes.enter(METHOD);
        Probes.line(r, METHOD, LINE);
        Probes.exit(r, METHOD);
        return r;
    }

    /** What a method with counted lines (linehits=, no timer) does per call, with one line entered. */
    @Benchmark
    public long[] countedLineFetchAndHit() {
        long[] hits = Probes.lineHits(LINE, 4);
        hits[2]++;
        return hits;
    }

    @Benchmark
    public ThreadRecorder timedCallWithAllocation() {
        ThreadRecorder r = Probes.enter(METHOD);
        Probes.allocation(r, SITE);
        Probes.exit(r, METHOD);
        return r;
    }
}
