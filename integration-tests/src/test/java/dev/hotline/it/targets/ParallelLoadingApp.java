package dev.hotline.it.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * THREADS threads start together and each loads every class gen.P0 .. gen.P(CLASSES-1) from DIR
 * through one parallel-capable class loader, each thread from its own offset, calling the class's
 * static {@code work()} once: every class is defined once (by the first thread to ask for it, while
 * the others define other classes) and every {@code work()} runs THREADS times. Prints
 * "defined=N sum=S".
 */
public final class ParallelLoadingApp {

    /** Defines classes from a directory; parallel capable, so it locks per class name, not on itself. */
    static final class DirectoryLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Path dir;
        final AtomicInteger defined = new AtomicInteger();

        DirectoryLoader(Path dir) {
            super(ParallelLoadingApp.class.getClassLoader());
            this.dir = dir;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Path file = dir.resolve(name.replace('.', '/') + ".class");
            if (!Files.exists(file)) {
                throw new ClassNotFoundException(name);
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                Class<?> c = defineClass(name, bytes, 0, bytes.length);
                defined.incrementAndGet();
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        DirectoryLoader loader = new DirectoryLoader(Paths.get(args[0]));
        int classes = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicLong sum = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int offset = t * classes / threads;
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int k = 0; k < classes; k++) {
                        Class<?> c = loader.loadClass("gen.P" + (k + offset) % classes);
                        sum.addAndGet((int) c.getMethod("work").invoke(null));
                    }
                } catch (Throwable e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                }
            }, "loader-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("defined=" + loader.defined.get() + " sum=" + sum.get() + " failures=" + failures.get());
    }
}
