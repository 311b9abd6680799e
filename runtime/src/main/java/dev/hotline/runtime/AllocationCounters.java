package dev.hotline.runtime;

/**
 * What one thread allocated, per allocation site id: how many allocations and, for arrays, how
 * many bytes (instance sizes are constant per type and applied at flush time). One {@code long[2]}
 * per site that counted, in {@link Paged pages}.
 *
 * <p>Thread-safety: written by the owning thread only (see {@link ThreadRecorder}).
 */
public final class AllocationCounters {

    private static final Paged.Factory<long[]> NEW_SITE = new Paged.Factory<long[]>() {
        @Override
        public long[] create(int id) {
            return new long[2];
        }
    };

    private final Paged<long[]> sites = new Paged<long[]>();

    void count(int site) {
        sites.getOrCreate(site, NEW_SITE)[0]++;
    }

    void count(int site, long size) {
        long[] c = sites.getOrCreate(site, NEW_SITE);
        c[0]++;
        c[1] += size;
    }

    /** Site ids below this may have counts here. */
    public int siteLimit() {
        return sites.idLimit();
    }

    /** Allocations counted at {@code site}. */
    public long countAt(int site) {
        long[] c = sites.get(site);
        return c == null ? 0 : c[0];
    }

    /** Array bytes counted at {@code site}; 0 for sites that allocate instances. */
    public long bytes(int site) {
        long[] c = sites.get(site);
        return c == null ? 0 : c[1];
    }
}
