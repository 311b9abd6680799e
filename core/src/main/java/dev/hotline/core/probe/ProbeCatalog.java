package dev.hotline.core.probe;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Hands out method probe ids at transform time and remembers what each id stands for. Ids are
 * dense ints in registration order, from 0 or, for a catalog that {@linkplain #following follows}
 * an earlier session's, from past that one's last ids (code of the earlier session may still run,
 * and must not count for this one's probes); within one class they follow the order of its
 * methods, so the same class bytes always get the same relative ids.
 *
 * <p>Thread-safety: classes are transformed concurrently, so every method synchronizes. Never
 * touched by a probe's hot path.
 */
public final class ProbeCatalog {

    private final List<MethodRef> methods = new ArrayList<>();
    private final List<LineRef> lines = new ArrayList<>();
    /** Which of {@link #lines} are timed, by their index there. */
    private final BitSet timedLines = new BitSet();
    private final List<AllocationSite> allocations = new ArrayList<>();
    private final int maxMethods;
    private final Runnable onCapReached;
    private final int firstMethod;
    private final int firstLine;
    private final int firstSite;
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
        this(maxMethods, onCapReached, 0, 0, 0);
    }

    private ProbeCatalog(int maxMethods, Runnable onCapReached, int firstMethod, int firstLine, int firstSite) {
        this.maxMethods = maxMethods;
        this.onCapReached = onCapReached;
        this.firstMethod = firstMethod;
        this.firstLine = firstLine;
        this.firstSite = firstSite;
    }

    /**
     * A catalog whose ids all lie past {@code previous}'s (null: from 0): the catalog of a session
     * re-attached to a JVM whose earlier session's probes may still run in calls that were open
     * when it detached.
     */
    public static ProbeCatalog following(ProbeCatalog previous, int maxMethods, Runnable onCapReached) {
        if (previous == null) {
            return new ProbeCatalog(maxMethods, onCapReached);
        }
        return new ProbeCatalog(maxMethods, onCapReached, previous.methodIdLimit(), previous.lineIdLimit(),
                previous.allocationIdLimit());
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
        return firstMethod + methods.size() - 1;
    }

    /**
     * Ids for all of one method's line probes at once, consecutive, so instrumented code can address
     * them as {@code first + k}; returns {@code first}. Timed line probes and lines counted without
     * times ({@code linehits=}) share this one id space; {@code timed} says which these are.
     */
    public synchronized int registerLines(List<LineRef> methodLines, boolean timed) {
        int first = firstLine + lines.size();
        if (timed) {
            timedLines.set(lines.size(), lines.size() + methodLines.size());
        }
        lines.addAll(methodLines);
        return first;
    }

    /** Whether line probe {@code id} is timed ({@code lines=}), not only counted ({@code linehits=}). */
    public synchronized boolean lineTimed(int id) {
        return timedLines.get(id - firstLine);
    }

    public synchronized LineRef line(int id) {
        return lines.get(id - firstLine);
    }

    public synchronized int lineCount() {
        return lines.size();
    }

    /** The id of a new allocation site. */
    public synchronized int registerAllocation(AllocationSite site) {
        allocations.add(site);
        return firstSite + allocations.size() - 1;
    }

    public synchronized AllocationSite allocation(int id) {
        return allocations.get(id - firstSite);
    }

    public synchronized int allocationCount() {
        return allocations.size();
    }

    public synchronized MethodRef method(int id) {
        return methods.get(id - firstMethod);
    }

    public synchronized int methodCount() {
        return methods.size();
    }

    /** The first method id this catalog hands out; lower ids are an earlier session's. */
    public int firstMethodId() {
        return firstMethod;
    }

    /** Method ids below this (and from {@link #firstMethodId}) are this catalog's so far. */
    public synchronized int methodIdLimit() {
        return firstMethod + methods.size();
    }

    public int firstLineId() {
        return firstLine;
    }

    public synchronized int lineIdLimit() {
        return firstLine + lines.size();
    }

    public int firstAllocationId() {
        return firstSite;
    }

    public synchronized int allocationIdLimit() {
        return firstSite + allocations.size();
    }
}
