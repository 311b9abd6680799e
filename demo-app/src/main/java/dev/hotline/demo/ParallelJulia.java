package dev.hotline.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The boxed computation over all cores: the rows are split into chunks handed to a fixed pool of
 * one thread per core. Same Complex operations, so the same counts as {@link BoxedJulia}.
 */
final class ParallelJulia implements JuliaImplementation {

    @Override
    public int[] compute(Grid grid, int maxIter) {
        BoxedJulia.Points points = BoxedJulia.Points.of(grid);
        List<Complex> zs = points.zs();
        List<Complex> cs = points.cs();
        int[] output = new int[zs.size()];
        int threads = Runtime.getRuntime().availableProcessors();
        int rowsPerChunk = Math.max(1, grid.height() / (threads * 8));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> chunks = new ArrayList<>();
            for (int row = 0; row < grid.height(); row += rowsPerChunk) {
                int from = row * grid.width();
                int to = Math.min(grid.height(), row + rowsPerChunk) * grid.width();
                chunks.add(pool.submit(() -> BoxedJulia.calculate(zs, cs, maxIter, output, from, to)));
            }
            for (Future<?> chunk : chunks) {
                chunk.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a chunk failed", e);
        } finally {
            pool.shutdown();
        }
        return output;
    }
}
