package dev.hotline.core.probe;

import org.objectweb.asm.Type;

/**
 * A method as the reports name it: binary class name with dots ({@code pkg.Outer$Inner}), method
 * name and JVM descriptor.
 */
public record MethodRef(String className, String name, String descriptor) {

    /** {@code pkg.Cls.name(desc)}: the key the JSON report uses for edges. */
    public String key() {
        return className + "." + name + descriptor;
    }

    /** {@code pkg.Cls.name(Arg, int[])}: class fully qualified, parameters by simple name. */
    public String displayName() {
        StringBuilder out = new StringBuilder(className).append('.').append(name).append('(');
        Type[] args = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(simpleName(args[i].getClassName()));
        }
        return out.append(')').toString();
    }

    /**
     * Whether {@code descriptor} is a JVM method descriptor ({@code (I[Ljava/lang/String;)V}): what
     * {@link #displayName} can take apart (ASM throws an {@code AssertionError} on anything else).
     * A dump reader checks it, since a dump may be anything. Linear, no regular expression.
     */
    public static boolean isMethodDescriptor(String descriptor) {
        if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
            return false;
        }
        int i = 1;
        while (i < descriptor.length() && descriptor.charAt(i) != ')') {
            i = fieldTypeEnd(descriptor, i);
            if (i < 0) {
                return false;
            }
        }
        if (i >= descriptor.length()) {
            return false;
        }
        i++;
        if (i == descriptor.length() - 1 && descriptor.charAt(i) == 'V') {
            return true;
        }
        return i < descriptor.length() && fieldTypeEnd(descriptor, i) == descriptor.length();
    }

    /** Where the field type starting at {@code i} ends, or -1 if none starts there. */
    private static int fieldTypeEnd(String descriptor, int i) {
        while (i < descriptor.length() && descriptor.charAt(i) == '[') {
            i++;
        }
        if (i >= descriptor.length()) {
            return -1;
        }
        char c = descriptor.charAt(i);
        if ("BCDFIJSZ".indexOf(c) >= 0) {
            return i + 1;
        }
        if (c != 'L') {
            return -1;
        }
        int semicolon = descriptor.indexOf(';', i);
        return semicolon > i + 1 ? semicolon + 1 : -1;
    }

    private static String simpleName(String sourceName) {
        int dot = sourceName.lastIndexOf('.');
        return dot < 0 ? sourceName : sourceName.substring(dot + 1);
    }
}
