package dev.hotline.it.targets;

/** Calls work() 200 times; work() sleeps the given number of microseconds (0: it does not sleep). */
public final class SlowApp {

    public static void main(String[] args) throws InterruptedException {
        long micros = Long.parseLong(args[0]);
        long sum = 0;
        for (int i = 0; i < 200; i++) {
            sum += work(micros, i);
        }
        System.out.println("sum=" + sum);
    }

    static long work(long micros, int i) throws InterruptedException {
        if (micros > 0) {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        }
        return i;
    }
}
