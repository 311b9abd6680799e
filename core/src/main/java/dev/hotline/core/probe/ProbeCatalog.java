package dev.hotline.core.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands out method probe ids at transform time and remembers what each id stands for. Ids are
 * dense ints from 0 in registration order; within one class they follow the order of its methods,
 * so the same class bytes always get the same relative ids.
 *
 * <p>Thread-safety: classes are transformed concurrently, so every method synchronizes. Never
 * touched by a probe's hot path.
 */
public final class ProbeCatalog {

    private final List<MethodRef> methods = new ArrayList<>();
    private final List<LineRef> lines = new ArrayList<>();
    private final List<AllocationSite> allocations = new ArrayList<>();
    private final int maxMethods;
    private final Runnable onCapReached;
    private boolean capReported;

    public ProbeCatalog() {
        this(Integer.MAX_VALUE, () -> { });
    }

    /**
     * A catalog that refuses to hand out more than {@code maxMethods} method probes.
     *
     * @param onCapReached run once, the first time a method is refused because of the cap
     */
    public ProbeCatalog(int maxMethods, Runnable onCapReached) {
        this.maxMethods = maxMethods;
        this.onCapReached = onCapReached;
    }

    /** The id of a new method probe, or -1 if the cap is reached (the method is then left alone). */
    public synchronized int registerMethod(MethodRef method) {
        if (methods.size() >= maxMethods) {
            if (!capReported) {
                capReported = true;
                onCapReached.run();
            }
            return -1;
        }
        methods.add(method);
        return methods.size() - 1;
    }

    /**
     * Ids for all of one method's line probes at once, consecutive, so instrumented code can address
     * them as {@code first + k}; returns {@code first}. Timed line probes and lines counted without
     * times ({@code linehits=}) share this one id space.
     */
    public synchronized int registerLines(List<LineRef> methodLines) {
        int first = lines.size();
        lines.addAll(methodLines);
        return first;
    }

    public synchronized LineRef line(int id) {
        return lines.get(id);
    }

    public synchronized int lineCount() {
        return lines.size();
    }

    /** The id of a new allocation site. */
    public synchronized int registerAllocation(AllocationSite site) {
        allocations.add(site);
        return allocations.size() - 1;
    }

    public synchronized AllocationSite allocation(int id) {
        return allocations.get(id);
    }

    public synchronized int allocationCount() {
        return allocations.size();
    }

    public synchronized MethodRef method(int id) {
        return methods.get(id);
    }

    public synchronized int methodCount() {
        return methods.size();
    }
}
