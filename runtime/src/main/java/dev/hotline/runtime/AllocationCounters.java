package dev.hotline.runtime;

import java.util.Arrays;

/**
 * What one thread allocated, per allocation site id: how many allocations and, for arrays, how
 * many bytes (instance sizes are constant per type and applied at flush time). Kept in pages of
 * 256 sites allocated when a site of the page first counts, like the method counters.
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class AllocationCounters {

    private static final int PAGE_BITS = 8;
    private static final int PAGE = 1 << PAGE_BITS;

    private long[][] counts = new long[0][];
    private long[][] bytes = new long[0][];

    void count(int site) {
        page(site)[site & (PAGE - 1)]++;
    }

    void count(int site, long size) {
        page(site)[site & (PAGE - 1)]++;
        bytes[site >>> PAGE_BITS][site & (PAGE - 1)] += size;
    }

    private long[] page(int site) {
        int page = site >>> PAGE_BITS;
        if (page >= counts.length) {
            int n = Math.max(page + 1, Math.max(4, counts.length * 2));
            counts = Arrays.copyOf(counts, n);
            bytes = Arrays.copyOf(bytes, n);
        }
        long[] p = counts[page];
        if (p == null) {
            bytes[page] = new long[PAGE];
            p = counts[page] = new long[PAGE];
        }
        return p;
    }

    /** Site ids below this may have counts here. */
    public int siteLimit() {
        return counts.length << PAGE_BITS;
    }

    /** Allocations counted at {@code site}. */
    public long countAt(int site) {
        long[][] c = counts;
        int page = site >>> PAGE_BITS;
        return page < c.length && c[page] != null ? c[page][site & (PAGE - 1)] : 0;
    }

    /** Array bytes counted at {@code site}; 0 for sites that allocate instances. */
    public long bytes(int site) {
        long[][] b = bytes;
        int page = site >>> PAGE_BITS;
        return page < b.length && b[page] != null ? b[page][site & (PAGE - 1)] : 0;
    }
}
