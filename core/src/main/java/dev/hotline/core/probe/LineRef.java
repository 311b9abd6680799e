package dev.hotline.core.probe;

/**
 * A source line of a method: the method, the source file as a path relative to a source root
 * ({@code pkg/Outer.java}, from the class's SourceFile attribute and package; empty when the class
 * has none), and the line number.
 */
public record LineRef(MethodRef method, String file, int line) {
}
