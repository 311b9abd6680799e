package dev.hotline.demo;

/**
 * An immutable complex number: every operation makes a new object, as Python's {@code complex}
 * does in the book's pure-Python version. Arithmetic follows CPython's exactly, so the iteration
 * counts match the book's.
 */
public final class Complex {

    private final double re;
    private final double im;

    public Complex(double re, double im) {
        this.re = re;
        this.im = im;
    }

    public Complex multiply(Complex other) {
        return new Complex(re * other.re - im * other.im, re * other.im + im * other.re);
    }

    public Complex add(Complex other) {
        return new Complex(re + other.re, im + other.im);
    }

    /** CPython's {@code abs(complex)} is {@code hypot(re, im)}. */
    public double abs() {
        return Math.hypot(re, im);
    }

    public double re() {
        return re;
    }

    public double im() {
        return im;
    }
}
