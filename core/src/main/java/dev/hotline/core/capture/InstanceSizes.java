package dev.hotline.core.capture;

/**
 * The shallow size of an instance of a class, for allocation sites that make instances. The agent
 * asks the JVM ({@code Instrumentation.getObjectSize}); elsewhere sizes are unknown.
 */
@FunctionalInterface
public interface InstanceSizes {

    /**
     * @param allocatingClass binary name of the class holding the {@code new}
     * @param type            binary name of the class instantiated
     * @return bytes, or -1 if unknown
     */
    long sizeOf(String allocatingClass, String type);

    /** Sizes are unknown. */
    InstanceSizes UNKNOWN = (allocatingClass, type) -> -1;
}
