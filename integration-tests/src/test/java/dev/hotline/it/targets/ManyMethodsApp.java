package dev.hotline.it.targets;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * Loads CLASSES generated classes (gen.C0 ..) from DIR, calls one method of ten of them (with a
 * third argument {@code all}: every method of every class, once), then prints the heap in use
 * after full collections: "used=BYTES".
 */
public final class ManyMethodsApp {

    public static void main(String[] args) throws Exception {
        int classes = Integer.parseInt(args[1]);
        long sum = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Paths.get(args[0]).toUri().toURL()})) {
            Class<?>[] loaded = new Class<?>[classes];
            for (int i = 0; i < classes; i++) {
                loaded[i] = Class.forName("gen.C" + i, true, loader);
            }
            boolean all = args.length > 2 && args[2].equals("all");
            for (int i = 0; i < (all ? classes : 10); i++) {
                for (java.lang.reflect.Method m : all ? loaded[i].getDeclaredMethods() : new java.lang.reflect.Method[] {
                        loaded[i].getMethod("m0")}) {
                    sum += (int) m.invoke(null);
                }
            }
            for (int i = 0; i < 4; i++) {
                System.gc();
                Thread.sleep(100);
            }
            Runtime rt = Runtime.getRuntime();
            System.out.println("used=" + (rt.totalMemory() - rt.freeMemory()) + " sum=" + sum);
        }
    }
}
