package dev.hotline.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The book's grid: coordinates stepped from one edge by repeated addition (as its while loops do,
 * floating-point error included), over [-1.8, 1.8] in both directions, y from the top down.
 */
final class Grid {

    static final double X1 = -1.8;
    static final double X2 = 1.8;
    static final double Y1 = -1.8;
    static final double Y2 = 1.8;
    static final double C_REAL = -0.62772;
    static final double C_IMAG = -0.42193;

    final double[] xs;
    final double[] ys;

    Grid(int width) {
        double xStep = (X2 - X1) / width;
        double yStep = (Y1 - Y2) / width;
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double ycoord = Y2; ycoord > Y1; ycoord += yStep) {
            y.add(ycoord);
        }
        for (double xcoord = X1; xcoord < X2; xcoord += xStep) {
            x.add(xcoord);
        }
        xs = x.stream().mapToDouble(Double::doubleValue).toArray();
        ys = y.stream().mapToDouble(Double::doubleValue).toArray();
    }

    int width() {
        return xs.length;
    }

    int height() {
        return ys.length;
    }

    int points() {
        return xs.length * ys.length;
    }
}
