package dev.hotline.core.instrument.targets;

import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/** Validation target: lambda bodies are synthetic methods of this class and get timers too. */
public class Lambdas implements Runnable {

    @Override
    public void run() {                                // calls: 1
        IntUnaryOperator twice = x -> times(x, 2);     // lambda: 4
        int sum = IntStream.range(0, 4).map(twice).sum();
        Nested nested = new Nested();
        sum += nested.get();
        if (sum != 12 + 1) {
            throw new AssertionError(sum);
        }
    }

    static int times(int x, int y) {                   // calls: 4
        return x * y;
    }

    class Nested {
        int get() {                                    // calls: 1
            return 1;
        }
    }
}
