package dev.hotline.core.instrument.targets;

import java.util.function.Supplier;

/**
 * Validation target for allocation counters: per line, the allocations a run makes and, for arrays,
 * their bytes on a 64-bit JVM with compressed oops (16-byte array header, 4-byte references,
 * 8-byte alignment): {@code // allocs: N, array bytes: B}.
 */
public class Allocations implements Runnable {

    private final int[] kept;

    public Allocations() {
        this(new int[10]);                                    // allocs: 1, array bytes: 56
    }

    Allocations(int[] kept) {
        super();
        this.kept = kept;
    }

    @Override
    public void run() {
        Object plain = new Object();                          // allocs: 1
        long[] longs = new long[100];                         // allocs: 1, array bytes: 816
        byte[] bytes = new byte[3];                           // allocs: 1, array bytes: 24
        String[] strings = new String[5];                     // allocs: 1, array bytes: 40
        int[][] grid = new int[3][4];                         // allocs: 1, array bytes: 128 (32 + 3 x 32)
        long[][][] cube = new long[2][2][2];                  // allocs: 1, array bytes: 200 (24 + 2 x 24 + 4 x 32)
        int[][] ragged = new int[4][];                        // allocs: 1, array bytes: 32
        for (int i = 0; i < 4; i++) {
            ragged[i] = new int[i];                           // allocs: 4, array bytes: 96 (16 + 24 + 24 + 32)
        }
        Supplier<StringBuilder> maker = () -> new StringBuilder(); // allocs: 2 (the lambda body runs twice)
        maker.get();
        maker.get();
        StringBuilder chosen = new StringBuilder(longs.length > 0 ? "a" : "b"); // allocs: 1
        try {
            int[] negative = new int[kept.length - 11];       // allocs: 0 (NegativeArraySizeException)
            throw new AssertionError(negative);
        } catch (NegativeArraySizeException expected) {
            // no array was allocated
        }
        try {
            int[][] none = new int[2][kept.length - 11];      // allocs: 0 (NegativeArraySizeException)
            throw new AssertionError(none);
        } catch (NegativeArraySizeException expected) {
            // no array was allocated
        }
        if (plain == null || bytes.length + strings.length + grid.length + cube.length + chosen.length() == 0) {
            throw new AssertionError();
        }
    }
}
