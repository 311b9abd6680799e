package dev.hotline.core.profile;

import dev.hotline.core.probe.AllocationSite;

/**
 * What one allocation site allocated over all threads: an exact count and the bytes (the shallow
 * sizes the JVM reports), or -1 bytes when the instance size could not be determined.
 */
public final class AllocationProfile {

    private final AllocationSite site;
    private long count;
    private long bytes;

    public AllocationProfile(AllocationSite site) {
        this.site = site;
    }

    public void add(long count, long bytes) {
        this.count += count;
        this.bytes = this.bytes < 0 || bytes < 0 ? -1 : this.bytes + bytes;
    }

    public AllocationSite site() {
        return site;
    }

    public long count() {
        return count;
    }

    /** Bytes allocated, or -1 if unknown. */
    public long bytes() {
        return bytes;
    }
}
