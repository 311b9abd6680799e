package dev.hotline.bench;

/**
 * The start-up workload: prints the wall clock at the first line of main, then loads and
 * initializes {@code --classes} generated classes from the class path (each runs its methods once
 * from its static initializer) and prints the clock again.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        long atMain = System.currentTimeMillis();
        int classes = Integer.parseInt(args[0]);
        ClassLoader loader = StartupProbe.class.getClassLoader();
        for (int i = 0; i < classes; i++) {
            Class.forName("dev.hotline.bench.gen.app.Gen" + i, true, loader);
        }
        long loaded = System.currentTimeMillis();
        System.out.println("main_ms=" + atMain + " loaded_ms=" + loaded);
    }
}
