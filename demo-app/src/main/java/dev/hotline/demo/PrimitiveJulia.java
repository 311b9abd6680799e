package dev.hotline.demo;

/** The same arithmetic on double arrays: no object per operation. */
final class PrimitiveJulia implements JuliaImplementation {

    @Override
    public int[] compute(Grid grid, int maxIter) {
        int points = grid.points();
        double[] zr = new double[points];
        double[] zi = new double[points];
        int k = 0;
        for (double y : grid.ys) {
            for (double x : grid.xs) {
                zr[k] = x;
                zi[k] = y;
                k++;
            }
        }
        int[] output = new int[points];
        for (int i = 0; i < points; i++) {
            output[i] = iterate(zr[i], zi[i], Grid.C_REAL, Grid.C_IMAG, maxIter);
        }
        return output;
    }

    static int iterate(double re, double im, double cRe, double cIm, int maxIter) {
        int n = 0;
        while (Math.hypot(re, im) < 2 && n < maxIter) {
            double nextRe = re * re - im * im + cRe;
            im = re * im + im * re + cIm;
            re = nextRe;
            n++;
        }
        return n;
    }
}
