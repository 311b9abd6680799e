import com.google.monitoring.runtime.instrumentation.AllocationRecorder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the Julia demo under google's java-allocation-instrumenter with a sampler that only counts
 * allocations and bytes: the peer of hotline's alloc= counters on the same work.
 */
public final class CountingSamplerMain {

    static final LongAdder COUNT = new LongAdder();
    static final LongAdder BYTES = new LongAdder();

    public static void main(String[] args) throws Exception {
        AllocationRecorder.addSampler((count, desc, newObj, size) -> {
            COUNT.increment();
            BYTES.add(size);
        });
        dev.hotline.demo.JuliaSet.main(args);
        System.out.println("allocation-instrumenter counted " + COUNT.sum() + " allocations, " + BYTES.sum() + " bytes");
    }
}
