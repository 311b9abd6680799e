package dev.hotline.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hotline.core.capture.InstanceSizes;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instance sizes as the JVM reports them ({@code Instrumentation.getObjectSize}) of one instance
 * made without running a constructor ({@code sun.misc.Unsafe.allocateInstance}, which is not one of
 * the memory-access methods JDK 24+ warns about). Runs at flush time only, never on a probe's path.
 * The type is resolved through the loader of the class that allocates it, remembered at transform
 * time (weakly, so loaders can still be collected).
 */
final class JvmInstanceSizes implements InstanceSizes {

    private static final Logger LOG = LoggerFactory.getLogger(JvmInstanceSizes.class);

    private final Instrumentation instrumentation;
    private final Map<String, WeakReference<ClassLoader>> loaders = new ConcurrentHashMap<>();

    JvmInstanceSizes(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Remembers which loader defined {@code className} (a class with allocation counters). */
    void definedBy(String className, ClassLoader loader) {
        loaders.put(className, new WeakReference<>(loader));
    }

    @Override
    public long sizeOf(String allocatingClass, String type) {
        try {
            WeakReference<ClassLoader> ref = loaders.get(allocatingClass);
            ClassLoader loader = ref == null ? null : ref.get();
            if (loader == null) {
                return -1;
            }
            Class<?> cls = Class.forName(type, false, loader);
            return instrumentation.getObjectSize(UnsafeHolder.allocateInstance(cls));
        } catch (Throwable t) {
            LOG.debug("no instance size for " + type + ": " + t);
            return -1;
        }
    }

    /** Measures the JVM's array layout and hands it to the runtime. */
    static void configureArrayLayout(Instrumentation instrumentation) {
        try {
            int reference = (int) ((instrumentation.getObjectSize(new Object[1024]) - instrumentation.getObjectSize(new Object[0])) / 1024);
            int[] bases = {
                base(instrumentation, n -> new Object[n], reference),
                base(instrumentation, n -> new byte[n], 1),
                base(instrumentation, n -> new short[n], 2),
                base(instrumentation, n -> new int[n], 4),
                base(instrumentation, n -> new long[n], 8)};
            long alignment = 8;
            while (alignment < 4096 && instrumentation.getObjectSize(new Object()) % (alignment * 2) == 0
                    && instrumentation.getObjectSize(new byte[1]) % (alignment * 2) == 0) {
                alignment *= 2; // ObjectAlignmentInBytes above 8 (rare)
            }
            dev.hotline.runtime.ArrayLayout.configure(bases, reference, (int) alignment);
        } catch (Throwable t) {
            LOG.debug("array layout not measured, using HotSpot's defaults: " + t);
        }
    }

    /**
     * Where the elements start: the smallest of size(n) - n * element over a few lengths, which is
     * exact for the length whose end falls on the alignment (no padding).
     */
    private static int base(Instrumentation instrumentation, java.util.function.IntFunction<Object> array, int element) {
        long base = Long.MAX_VALUE;
        for (int n = 0; n <= 16; n++) {
            base = Math.min(base, instrumentation.getObjectSize(array.apply(n)) - (long) n * element);
        }
        return (int) base;
    }

    private static final class UnsafeHolder {
        private static final Object UNSAFE;
        private static final Method ALLOCATE_INSTANCE;

        static {
            Object unsafe = null;
            Method allocate = null;
            try {
                Class<?> type = Class.forName("sun.misc.Unsafe");
                Field field = type.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                unsafe = field.get(null);
                allocate = type.getMethod("allocateInstance", Class.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("sun.misc.Unsafe unavailable: instance sizes unknown: " + e);
            }
            UNSAFE = unsafe;
            ALLOCATE_INSTANCE = allocate;
        }

        static Object allocateInstance(Class<?> type) throws ReflectiveOperationException {
            if (ALLOCATE_INSTANCE == null) {
                throw new IllegalStateException("no Unsafe");
            }
            return ALLOCATE_INSTANCE.invoke(UNSAFE, type);
        }
    }
}
