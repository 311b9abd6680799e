package dev.hotline.agent;

import dev.hotline.core.profile.InstanceSizes;
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
            Log.debug("no instance size for " + type + ": " + t);
            return -1;
        }
    }

    /** Measures the JVM's array layout and hands it to the runtime. */
    static void configureArrayLayout(Instrumentation instrumentation) {
        try {
            long header = instrumentation.getObjectSize(new long[0]);
            long reference = (instrumentation.getObjectSize(new Object[1024]) - instrumentation.getObjectSize(new Object[0])) / 1024;
            long alignment = instrumentation.getObjectSize(new byte[1]) - instrumentation.getObjectSize(new byte[0]);
            dev.hotline.runtime.ArrayLayout.configure((int) header, (int) reference, (int) Math.max(8, alignment));
        } catch (Throwable t) {
            Log.debug("array layout not measured, using HotSpot's defaults: " + t);
        }
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
                Log.debug("sun.misc.Unsafe unavailable: instance sizes unknown: " + e);
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
