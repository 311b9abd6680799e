package dev.hotline.core.profile;

import org.HdrHistogram.Histogram;

/**
 * The latency histogram of a method or line, which may still be partly where it was recorded: a
 * histogram in hand, plus {@link LatencySource}s read only when the latencies are asked for. A profile
 * captured from the runtime holds every method's latencies as such a source (the per-thread
 * buckets), so a dump writes them one method at a time through a single scratch histogram rather
 * than holding a histogram for every method at once (some 10 KB each, hundreds of MB for a
 * program of 40,000 methods); {@link #histogram()} makes the histogram for those who want it.
 *
 * <p>A deferred source is read when asked, so what it reads from must not change meanwhile in a
 * way that counts a call twice: the capture holds its lock until the dump is written.
 *
 * <p>Not thread-safe.
 */
final class Latencies implements LatencySource {

    /** Null until asked for, or until latencies are added now. */
    private Histogram histogram;
    /** Whether {@link #histogram} is this object's own to add into (one given to {@link #in} may be shared). */
    private boolean owned;
    /** Latencies not read yet; null if none. */
    private LatencySource pending;

    private Latencies(Histogram histogram, LatencySource pending) {
        this.histogram = histogram;
        this.pending = pending;
    }

    static Latencies none() {
        return new Latencies(null, null);
    }

    /** Latencies held in {@code histogram} (kept, not copied: it may be shared, as an empty one is). */
    static Latencies in(Histogram histogram) {
        return new Latencies(histogram, null);
    }

    static Latencies from(LatencySource source) {
        return new Latencies(null, source);
    }

    /** From now on, the latencies are what {@code source} holds (whatever was held or pending before). */
    void replace(LatencySource source) {
        histogram = null;
        pending = source;
    }

    /** The whole histogram, made (and its sources read) the first time it is asked for. */
    Histogram histogram() {
        if (pending != null) {
            LatencySource read = pending;
            pending = null;
            read.addTo(writable(read.maxValue()));
        }
        if (histogram == null) {
            histogram = MethodProfile.newHistogram();
            owned = true;
        }
        return histogram;
    }

    /** The histogram to add into: made, or copied from a shared one, as needed. */
    private Histogram writable(long maxValue) {
        if (histogram == null) {
            histogram = MethodProfile.newHistogram(maxValue);
            owned = true;
        } else if (!owned) {
            histogram = histogram.copy();
            owned = true;
        }
        return histogram;
    }

    /**
     * The latencies for one read: the histogram itself if it is held and nothing is pending, else
     * {@code scratch} (asked for by the largest value to come, -1 if unknown; empty) filled with
     * them and not kept (a writer reads each method once).
     */
    Histogram once(java.util.function.LongFunction<Histogram> scratch) {
        if (pending == null && histogram != null) {
            return histogram;
        }
        Histogram into = scratch.apply(maxValue());
        addTo(into);
        return into;
    }

    /** The largest latency held or pending, 0 if none, -1 if a pending source does not know. */
    @Override
    public long maxValue() {
        long max = histogram == null ? 0 : histogram.getMaxValue();
        if (pending != null) {
            long more = pending.maxValue();
            if (more < 0) {
                return -1;
            }
            max = Math.max(max, more);
        }
        return max;
    }

    /** Adds every latency into {@code into} without making this histogram. */
    @Override
    public void addTo(Histogram into) {
        if (histogram != null) {
            into.add(histogram);
        }
        if (pending != null) {
            pending.addTo(into);
        }
    }

    /** Adds {@code other}'s latencies now: copied, so later changes to {@code other} do not show. */
    void addNow(Latencies other) {
        if (other.histogram == null && other.pending == null) {
            return;
        }
        histogram(); // what is pending, read first
        other.addTo(writable(0));
    }

    /** Adds {@code other}'s latencies when they are read: {@code other} must stay as it is until then. */
    void addLater(Latencies other) {
        if (other.histogram == null && other.pending == null) {
            return;
        }
        LatencySource before = pending;
        pending = before == null ? other : new Both(before, other);
    }

    /** Two sources read one after the other. */
    private record Both(LatencySource first, LatencySource second) implements LatencySource {
        @Override
        public void addTo(Histogram into) {
            first.addTo(into);
            second.addTo(into);
        }

        @Override
        public long maxValue() {
            long a = first.maxValue();
            long b = second.maxValue();
            return a < 0 || b < 0 ? -1 : Math.max(a, b);
        }
    }
}
