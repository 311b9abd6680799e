package dev.hotline.core.instrument.targets;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Validation target for folded recursion: a recursive-descent evaluator over generated arithmetic
 * expressions (fixed seed), whose mutual recursion (expr, term, factor, and the unary minus)
 * interleaves into 6,521 distinct call paths. Each method's expected number of calls per
 * run() is on its declaring line; {@link #distinctPaths} is how many distinct paths of these
 * methods' calls the run made, counted here without the agent's help (the JDK's collections are
 * not instrumented).
 */
public class RecursiveDescent implements Runnable {

    public static int distinctPaths;
    public static long result;

    private final Deque<String> path = new ArrayDeque<>();
    private final Set<String> paths = new HashSet<>();
    private String text;
    private int pos;

    @Override
    public void run() {                                // calls: 1
        Random random = new Random(15);
        long sum = 0;
        for (int i = 0; i < 2000; i++) {
            sum += evaluate(generate(random, 0));
        }
        result = sum;
        distinctPaths = paths.size();
    }

    long evaluate(String expression) {             // calls: 2000
        text = expression;
        pos = 0;
        return expr();
    }

    private long expr() {                          // calls: 10942
        enter("expr");
        long value = term();
        while (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            char op = text.charAt(pos++);
            value = op == '+' ? value + term() : value - term();
        }
        leave();
        return value;
    }

    private long term() {                          // calls: 12102
        enter("term");
        long value = factor();
        while (pos < text.length() && text.charAt(pos) == '*') {
            pos++;
            value = value * factor() % 1_000_003;
        }
        leave();
        return value;
    }

    private long factor() {                        // calls: 20903
        enter("factor");
        long value;
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            value = expr();
            pos++; // ')'
        } else if (c == '-') {
            pos++;
            value = -factor();
        } else {
            value = number();
        }
        leave();
        return value;
    }

    private long number() {                        // calls: 4293
        long value = 0;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            value = value * 10 + text.charAt(pos++) - '0';
        }
        return value;
    }

    private void enter(String method) {            // calls: 43947
        path.push(method);
        paths.add(String.join(";", path));
    }

    private void leave() {                         // calls: 43947
        path.pop();
    }

    private static String generate(Random random, int depth) { // calls: 23196
        int kind = depth > 15 ? 0 : random.nextInt(20);
        switch (kind) {
            case 0:
            case 1:
            case 2:
                return Integer.toString(random.nextInt(100));
            case 3:
            case 4:
            case 5:
            case 6:
            case 7:
            case 8:
            case 9:
            case 10:
                return "(" + generate(random, depth + 1) + ")";
            case 11:
            case 12:
            case 13:
            case 14:
            case 15:
            case 16:
            case 17:
                return "-" + generate(random, depth + 1);
            case 18:
                return generate(random, depth + 1) + "*" + generate(random, depth + 1);
            default:
                return generate(random, depth + 1) + (random.nextBoolean() ? "+" : "-") + generate(random, depth + 1);
        }
    }
}
