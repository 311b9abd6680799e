package dev.hotline.bench;

import com.google.monitoring.runtime.instrumentation.AllocationRecorder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a workload under google's java-allocation-instrumenter with a sampler that only counts
 * allocations and bytes: the peer of hotline's alloc= counters on the same work. The sampler has to
 * be registered from code, hence this wrapper: {@code CountingSamplerMain MAIN-CLASS ARGS...}.
 */
public final class CountingSamplerMain {

    static final LongAdder COUNT = new LongAdder();
    static final LongAdder BYTES = new LongAdder();

    public static void main(String[] args) throws Exception {
        AllocationRecorder.addSampler((count, desc, newObj, size) -> {
            COUNT.increment();
            BYTES.add(size);
        });
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
        System.out.println("allocation-instrumenter counted " + COUNT.sum() + " allocations, " + BYTES.sum() + " bytes");
    }
}
