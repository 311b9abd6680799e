package dev.hotline.core.bytecode;

/** Representative methods whose instrumented listings are kept as golden files. */
public class GoldenTargets {

    private final int size;

    public GoldenTargets(int size) {
        this.size = Math.max(0, size);
    }

    public int size() {
        return size;
    }

    public static long sumTo(int n) {
        long sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += i;
        }
        return sum;
    }

    public long[] buffer() {
        return new long[size];
    }

    public static int[][] grid(int n) {
        int[][] cells = new int[n][n];
        for (int i = 0; i < n; i++) {
            cells[i][i] = i;
        }
        return cells;
    }
}
