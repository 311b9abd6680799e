package dev.hotline.it.targets;

/** Calls work() a given number of times, prints a line, then exits with the given code. */
public final class ExitCodeApp {

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        int code = Integer.parseInt(args[1]);
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += work(i);
        }
        System.out.println("sum=" + sum);
        if (code != 0) {
            System.exit(code);
        }
    }

    static long work(int i) {
        return i * 2L;
    }
}
