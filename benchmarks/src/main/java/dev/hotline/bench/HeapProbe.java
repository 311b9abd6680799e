package dev.hotline.bench;

import dev.hotline.bench.gen.GeneratedClasses;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap workload: defines {@code --methods} methods in generated classes of 100 methods each
 * (or PER_CLASS: 5 and 200,000 make 40,000 classes), defined from bytes by a class loader of its
 * own, so an agent sees them load; optionally runs each once, and prints the heap (and metaspace)
 * in use after full collections. Also the large run whose exit dump docs/architecture.md measures.
 *
 * <pre>java ... dev.hotline.bench.HeapProbe METHODS called|loaded [PER_CLASS]</pre>
 */
public final class HeapProbe {

    private static int methodsPerClass = 100;
    private static final String PREFIX = GeneratedClasses.HEAP_PACKAGE.replace('/', '.') + "Gen";

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        int methods = Integer.parseInt(args[0]);
        boolean call = args[1].equals("called");
        if (args.length > 2) {
            methodsPerClass = Integer.parseInt(args[2]);
        }
        Loader loader = new Loader();
        List<Class<?>> classes = new ArrayList<>();
        for (int i = 0; i < methods / methodsPerClass; i++) {
            // initialize = call: the static initializer runs every method of the class once
            classes.add(Class.forName(PREFIX + i, call, loader));
        }
        long heap = usedAfterGc();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        long methodsDefined = 0;
        for (Class<?> c : classes) {
            if (c.getClassLoader() != loader) {
                throw new IllegalStateException(c + " was not defined by the benchmark's loader");
            }
            methodsDefined += c.getDeclaredMethods().length;
        }
        System.out.println("heap_bytes=" + heap + " metaspace_bytes=" + metaspace + " classes=" + classes.size()
                + " methods=" + methodsDefined);
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

    /**
     * Defines the generated classes from bytes, as an application's own loader would. Their package
     * is on no class path, so delegating to the parent first cannot find other classes of that name.
     */
    private static final class Loader extends ClassLoader {
        Loader() {
            super(HeapProbe.class.getClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.startsWith(PREFIX)) {
                throw new ClassNotFoundException(name);
            }
            int index = Integer.parseInt(name.substring(PREFIX.length()));
            byte[] bytes = GeneratedClasses.generate(GeneratedClasses.HEAP_PACKAGE, index, methodsPerClass);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
