package dev.hotline.runtime;

import java.util.Arrays;

/**
 * What one thread allocated, per allocation site id: how many allocations and, for arrays, how
 * many bytes (instance sizes are constant per type and applied at flush time).
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class AllocationCounters {

    private long[] counts = new long[0];
    private long[] bytes = new long[0];

    void count(int site) {
        if (site >= counts.length) {
            grow(site);
        }
        counts[site]++;
    }

    void count(int site, long size) {
        if (site >= counts.length) {
            grow(site);
        }
        counts[site]++;
        bytes[site] += size;
    }

    private void grow(int site) {
        int n = Math.max(site + 1, Math.max(64, counts.length * 2));
        counts = Arrays.copyOf(counts, n);
        bytes = Arrays.copyOf(bytes, n);
    }

    /** Allocations per site id (a snapshot reference; may be longer than the sites used). */
    public long[] counts() {
        return counts;
    }

    /** Array bytes per site id; 0 for sites that allocate instances. */
    public long[] bytes() {
        return bytes;
    }
}
