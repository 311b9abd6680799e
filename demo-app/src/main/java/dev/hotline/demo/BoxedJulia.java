package dev.hotline.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The book's {@code calculate_z_serial_purepython}: lists of Complex objects, a new object per
 * multiply and per add.
 */
final class BoxedJulia implements JuliaImplementation {

    /** The book's lists: a starting point zs[i] and the constant cs[i] for every grid point, rows first. */
    record Points(List<Complex> zs, List<Complex> cs) {
        static Points of(Grid grid) {
            List<Complex> zs = new ArrayList<>(grid.points());
            List<Complex> cs = new ArrayList<>(grid.points());
            for (double y : grid.ys) {
                for (double x : grid.xs) {
                    zs.add(new Complex(x, y));
                    cs.add(new Complex(Grid.C_REAL, Grid.C_IMAG));
                }
            }
            return new Points(zs, cs);
        }
    }

    @Override
    public int[] compute(Grid grid, int maxIter) {
        Points points = Points.of(grid);
        int[] output = new int[points.zs().size()];
        calculate(points.zs(), points.cs(), maxIter, output, 0, output.length);
        return output;
    }

    /** Iterates the points {@code from} (inclusive) to {@code to} (exclusive). */
    static void calculate(List<Complex> zs, List<Complex> cs, int maxIter, int[] output, int from, int to) {
        for (int i = from; i < to; i++) {
            int n = 0;
            Complex z = zs.get(i);
            Complex c = cs.get(i);
            while (z.abs() < 2 && n < maxIter) {
                z = z.multiply(z).add(c);
                n++;
            }
            output[i] = n;
        }
    }
}
