package dev.hotline.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts classes instrumented and classes left unchanged because their transform failed. */
final class TransformStats {

    private static final Logger LOG = LoggerFactory.getLogger(TransformStats.class);

    private final AtomicInteger instrumented = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger tooLarge = new AtomicInteger();

    void instrumented(String className) {
        instrumented.incrementAndGet();
        LOG.debug("instrumented {}", className);
    }

    void failed(String className, Throwable error) {
        failed.incrementAndGet();
        LOG.warn("could not instrument " + className + ", left it unchanged: " + error);
    }

    void classTooLarge(String className) {
        tooLarge.incrementAndGet();
        LOG.warn("left " + className + " uninstrumented: with probes it would exceed the class file's 65,535 constants");
    }

    void tooLarge(String className, String method) {
        tooLarge.incrementAndGet();
        LOG.warn("left " + className + "." + method + " uninstrumented: with probes its code would exceed the JVM's 64 KB limit");
    }

    int tooLarge() {
        return tooLarge.get();
    }

    int instrumented() {
        return instrumented.get();
    }

    int failed() {
        return failed.get();
    }
}
