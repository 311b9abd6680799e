package dev.hotline.demo;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The Julia set of High Performance Python (chapter 2): c = -0.62772 - 0.42193i on a 1000 x 1000
 * grid over [-1.8, 1.8]^2, at most 300 iterations per point; the iteration counts sum to 33,219,980.
 *
 * <pre>
 * java -jar hotline-demo.jar [--impl boxed|primitive|parallel] [--width N] [--max-iter N]
 *                            [--repeat N] [--png FILE]
 * </pre>
 */
public final class JuliaSet {

    private JuliaSet() {
    }

    public static void main(String[] args) throws IOException {
        String impl = "boxed";
        int width = 1000;
        int maxIter = 300;
        int repeat = 1;
        String png = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--impl" -> impl = value(args, ++i, arg);
                case "--width" -> width = Integer.parseInt(value(args, ++i, arg));
                case "--max-iter" -> maxIter = Integer.parseInt(value(args, ++i, arg));
                case "--repeat" -> repeat = Integer.parseInt(value(args, ++i, arg));
                case "--png" -> png = value(args, ++i, arg);
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar hotline-demo.jar [--impl boxed|primitive|parallel]"
                            + " [--width N] [--max-iter N] [--repeat N] [--png FILE]");
                    return;
                }
                default -> usageError("unknown argument " + arg);
            }
        }
        JuliaImplementation implementation = switch (impl) {
            case "boxed" -> new BoxedJulia();
            case "primitive" -> new PrimitiveJulia();
            case "parallel" -> new ParallelJulia();
            default -> throw usageError("unknown implementation " + impl + " (boxed, primitive, parallel)");
        };
        Grid grid = new Grid(width);
        int[] output = null;
        for (int run = 0; run < repeat; run++) {
            long start = System.nanoTime();
            output = implementation.compute(grid, maxIter);
            long elapsed = System.nanoTime() - start;
            long sum = 0;
            for (int n : output) {
                sum += n;
            }
            System.out.printf(Locale.ROOT, "%s: sum=%d took %.3f s%n", impl, sum, elapsed / 1e9);
        }
        if (png != null) {
            writePng(grid, output, maxIter, new File(png));
            System.out.println("wrote " + png);
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw usageError(flag + " needs a value");
        }
        return args[i];
    }

    private static IllegalArgumentException usageError(String message) {
        System.err.println("julia: " + message);
        System.exit(2);
        return new IllegalArgumentException(message);
    }

    /** Grey levels: points that never escape are white, as in the book's false-grey-scale figure. */
    private static void writePng(Grid grid, int[] output, int maxIter, File file) throws IOException {
        BufferedImage image = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                int grey = (int) (255.0 * output[y * grid.width() + x] / maxIter);
                image.getRaster().setSample(x, y, 0, grey);
            }
        }
        ImageIO.write(image, "png", file);
    }
}
