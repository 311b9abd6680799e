package dev.hotline.demo;

/** One way to compute the iteration count of every grid point, row by row (y outer, x inner). */
interface JuliaImplementation {
    int[] compute(Grid grid, int maxIter);
}
