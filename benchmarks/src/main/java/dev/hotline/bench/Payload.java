package dev.hotline.bench;

/** What {@link dev.hotline.bench.moo.AllocationLoop} allocates (outside the instrumented package). */
public final class Payload {

    private final int a;
    private final long b;

    public Payload(int a, long b) {
        this.a = a;
        this.b = b;
    }

    public long mix() {
        return (b >>> 3) ^ a;
    }
}
