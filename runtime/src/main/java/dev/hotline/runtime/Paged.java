package dev.hotline.runtime;

import java.util.Arrays;

/**
 * Per-thread state by dense probe id, in pages of {@link #PAGE} ids allocated when an id of the
 * page is first used: a thread that runs a handful of probes out of 50,000 holds a few small pages,
 * not an array as long as every id. The one paging scheme of the runtime (method counters, line
 * counters, counted-line hits, allocation sites).
 *
 * <p>Thread-safety: written by the owning thread only. A reader on another thread sees a page
 * either absent or present, never torn (array references are written whole).
 *
 * @param <T> what is kept per id
 */
final class Paged<T> {

    static final int PAGE_BITS = 8;
    static final int PAGE = 1 << PAGE_BITS;
    private static final int INITIAL_PAGES = 4;

    /** Makes the state of an id the first time it is used (no lambdas: this is bootstrap code). */
    interface Factory<T> {
        T create(int id);
    }

    private Object[][] pages = new Object[INITIAL_PAGES][];

    /** The state of {@code id}, or null if it was never made. */
    @SuppressWarnings("unchecked")
    T get(int id) {
        Object[][] all = pages;
        int page = id >>> PAGE_BITS;
        Object[] p = page < all.length ? all[page] : null;
        return p == null ? null : (T) p[id & (PAGE - 1)];
    }

    /** The state of {@code id}, made by {@code factory} if it does not exist yet. May throw OutOfMemoryError. */
    @SuppressWarnings("unchecked")
    T getOrCreate(int id, Factory<T> factory) {
        int page = id >>> PAGE_BITS;
        Object[][] all = pages;
        if (page >= all.length) {
            all = pages = Arrays.copyOf(all, Math.max(page + 1, all.length * 2));
        }
        Object[] p = all[page];
        if (p == null) {
            p = all[page] = new Object[PAGE];
        }
        Object value = p[id & (PAGE - 1)];
        if (value == null) {
            value = p[id & (PAGE - 1)] = factory.create(id);
        }
        return (T) value;
    }

    /** Ids below this may have state here. */
    int idLimit() {
        return pages.length << PAGE_BITS;
    }
}
