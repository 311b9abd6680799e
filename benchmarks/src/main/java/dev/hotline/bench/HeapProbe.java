package dev.hotline.bench;

import dev.hotline.bench.gen.GeneratedClasses;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap workload: defines {@code --methods} methods in generated classes of 100 methods each
 * (defined from bytes by a class loader of its own, so an agent sees them load), optionally runs
 * each once, and prints the heap (and metaspace) in use after full collections.
 *
 * <pre>java ... dev.hotline.bench.HeapProbe METHODS called|loaded</pre>
 */
public final class HeapProbe {

    private static final int METHODS_PER_CLASS = 100;

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        int methods = Integer.parseInt(args[0]);
        boolean call = args[1].equals("called");
        Loader loader = new Loader();
        List<Class<?>> classes = new ArrayList<>();
        for (int i = 0; i < methods / METHODS_PER_CLASS; i++) {
            // initialize = call: the static initializer runs every method of the class once
            classes.add(Class.forName(GeneratedClasses.className(i), call, loader));
        }
        long heap = usedAfterGc();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        System.out.println("heap_bytes=" + heap + " metaspace_bytes=" + metaspace + " classes=" + classes.size());
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Defines the generated classes from bytes, as an application's own loader would. */
    private static final class Loader extends ClassLoader {
        Loader() {
            super(HeapProbe.class.getClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.startsWith("dev.hotline.bench.gen.app.Gen")) {
                throw new ClassNotFoundException(name);
            }
            int index = Integer.parseInt(name.substring("dev.hotline.bench.gen.app.Gen".length()));
            byte[] bytes = GeneratedClasses.generate(index, METHODS_PER_CLASS);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
