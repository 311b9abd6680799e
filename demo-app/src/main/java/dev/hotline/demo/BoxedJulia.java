package dev.hotline.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The book's {@code calculate_z_serial_purepython}: lists of Complex objects, a new object per
 * multiply and per add.
 */
final class BoxedJulia implements JuliaImplementation {

    @Override
    public int[] compute(Grid grid, int maxIter) {
        List<Complex> zs = new ArrayList<>(grid.points());
        List<Complex> cs = new ArrayList<>(grid.points());
        for (double y : grid.ys) {
            for (double x : grid.xs) {
                zs.add(new Complex(x, y));
                cs.add(new Complex(Grid.C_REAL, Grid.C_IMAG));
            }
        }
        int[] output = new int[zs.size()];
        calculate(zs, cs, maxIter, output, 0, zs.size());
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
