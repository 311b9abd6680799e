package dev.hotline.it.targets;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * Loads gen.P0 .. gen.P(CLASSES-1) from DIR and calls each one's static {@code work()} every few
 * milliseconds for MILLIS, then exits with EXIT: with {@code interval=}, every interval adds a
 * histogram per class to the dump, so the dump grows as the run goes on. Prints "calls=N" first.
 */
public final class GrowingDumpApp {

    public static void main(String[] args) throws Exception {
        int classes = Integer.parseInt(args[1]);
        long until = System.currentTimeMillis() + Long.parseLong(args[2]);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Paths.get(args[0]).toUri().toURL()})) {
            Method[] work = new Method[classes];
            for (int i = 0; i < classes; i++) {
                work[i] = Class.forName("gen.P" + i, true, loader).getMethod("work");
            }
            long calls = 0;
            while (System.currentTimeMillis() < until) {
                for (Method m : work) {
                    m.invoke(null);
                    calls++;
                }
                Thread.sleep(5);
            }
            System.out.println("calls=" + calls);
        }
        System.exit(Integer.parseInt(args[3]));
    }
}
