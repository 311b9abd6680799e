package dev.hotline.runtime;

import java.util.Arrays;

/**
 * One thread's caller-to-callee edges of the calls that did not follow an edge of its call tree:
 * folded recursive calls and calls in the overflow. With the tree's own edges they make every edge
 * exact. Bounded by the program's call graph (one entry per distinct pair of methods).
 *
 * <p>An open-addressing table keyed by the pair. Thread-safety: written by the owning thread only;
 * a reader on another thread reads a {@link Table} whole (it is replaced, never resized in place),
 * so it may miss the newest entries, never sees a torn one.
 */
public final class OffTreeEdges {

    /** The entries; slot {@code i} is empty when {@code keys[i] == EMPTY}. */
    public static final class Table {
        static final long EMPTY = -1L;
        final long[] keys;
        /** Per slot: calls, timed calls, inclusive nanos (probe cost subtracted), measured nanos. */
        final long[] values;
        int size;

        Table(int capacity) {
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            values = new long[capacity * 4];
        }

        public int capacity() {
            return keys.length;
        }

        /** Whether slot {@code i} holds an edge. */
        public boolean used(int i) {
            return keys[i] != EMPTY;
        }

        public int caller(int i) {
            return (int) (keys[i] >>> 32);
        }

        public int callee(int i) {
            return (int) keys[i];
        }

        public long calls(int i) {
            return values[4 * i];
        }

        public long timedCalls(int i) {
            return values[4 * i + 1];
        }

        public long nanos(int i) {
            return values[4 * i + 2];
        }

        public long measuredNanos(int i) {
            return values[4 * i + 3];
        }
    }

    private Table table = new Table(16);

    /** The current entries (see the class comment). */
    public Table table() {
        return table;
    }

    /** Adds one call from {@code caller} to {@code callee}, timed or not. May throw OutOfMemoryError. */
    void add(int caller, int callee, boolean timed, long nanos, long measured) {
        long key = (long) caller << 32 | (callee & 0xFFFFFFFFL);
        Table t = table;
        int i = find(t, key);
        if (t.keys[i] == Table.EMPTY) {
            if (2 * (t.size + 1) > t.keys.length) {
                t = table = grown(t);
                i = find(t, key);
            }
            t.keys[i] = key;
            t.size++;
        }
        t.values[4 * i]++;
        if (timed) {
            t.values[4 * i + 1]++;
            t.values[4 * i + 2] += nanos;
            t.values[4 * i + 3] += measured;
        }
    }

    private static int find(Table t, long key) {
        int mask = t.keys.length - 1;
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (t.keys[i] != Table.EMPTY && t.keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static Table grown(Table t) {
        Table bigger = new Table(t.keys.length * 2);
        for (int i = 0; i < t.keys.length; i++) {
            if (t.keys[i] != Table.EMPTY) {
                int j = find(bigger, t.keys[i]);
                bigger.keys[j] = t.keys[i];
                System.arraycopy(t.values, 4 * i, bigger.values, 4 * j, 4);
                bigger.size++;
            }
        }
        return bigger;
    }
}
