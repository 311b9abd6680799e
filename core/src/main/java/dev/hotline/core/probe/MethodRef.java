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

    private static String simpleName(String sourceName) {
        int dot = sourceName.lastIndexOf('.');
        return dot < 0 ? sourceName : sourceName.substring(dot + 1);
    }
}
