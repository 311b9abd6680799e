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
    /** Line probes counted without times (linehits=), by id. */
    private final java.util.BitSet countedOnly = new java.util.BitSet();
    private final List<AllocationSite> allocations = new ArrayList<>();
    private final int maxMethods;
    private final Runnable onCapReached;
    private boolean capReported;

    public ProbeCatalog() {
        this(Integer.MAX_VALUE);
    }

    /** A catalog that refuses to hand out more than {@code maxMethods} method probes. */
    public ProbeCatalog(int maxMethods) {
        this(maxMethods, () -> { });
    }

    /** @param onCapReached run once, the first time a method is refused because of the cap */
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
     * them as {@code first + k}; returns {@code first}.
     *
     * @param timed false for lines counted without times ({@code linehits=})
     */
    public synchronized int registerLines(List<LineRef> methodLines, boolean timed) {
        int first = lines.size();
        lines.addAll(methodLines);
        if (!timed) {
            countedOnly.set(first, lines.size());
        }
        return first;
    }

    /** Whether line probe {@code id} records times, or counts hits only. */
    public synchronized boolean lineTimed(int id) {
        return !countedOnly.get(id);
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
