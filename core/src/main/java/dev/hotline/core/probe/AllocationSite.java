package dev.hotline.core.probe;

/**
 * An allocation instruction: the method, source file (as in {@link LineRef}) and line it is on, the type it allocates in source
 * form ({@code com.acme.Point}, {@code long[]}, {@code java.lang.String[][]}), and its kind.
 */
public record AllocationSite(MethodRef method, String file, int line, String type, Kind kind) {

    /** How the bytes of an allocation are known. */
    public enum Kind {
        /** {@code new}: every allocation has the type's instance size, resolved at flush time. */
        INSTANCE,
        /** {@code newarray}, {@code anewarray}, {@code multianewarray}: bytes counted per allocation. */
        ARRAY
    }
}
