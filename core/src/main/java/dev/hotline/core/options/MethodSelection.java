package dev.hotline.core.options;

import java.util.ArrayList;
import java.util.List;

/**
 * Which methods a per-method option (such as {@code lines=}) selects: {@code :}-separated
 * alternatives, each a class pattern ({@code com.acme.*}) or a class pattern and a method pattern
 * ({@code com.acme.Parser#parse*}). A method pattern also selects the lambda bodies declared in
 * the matching methods ({@code lambda$parse$0}).
 */
public final class MethodSelection {

    private record Alternative(ClassPattern classes, ClassPattern methods) {
    }

    private final String source;
    private final List<Alternative> alternatives;

    private MethodSelection(String source, List<Alternative> alternatives) {
        this.source = source;
        this.alternatives = alternatives;
    }

    public static MethodSelection parse(String selection) {
        List<Alternative> alternatives = new ArrayList<>();
        for (String part : selection.split(":")) {
            if (part.isBlank()) {
                continue;
            }
            int hash = part.indexOf('#');
            if (hash < 0) {
                alternatives.add(new Alternative(ClassPattern.parse(part), null));
            } else {
                alternatives.add(new Alternative(ClassPattern.parse(part.substring(0, hash)),
                        ClassPattern.parse(part.substring(hash + 1))));
            }
        }
        return new MethodSelection(selection, alternatives);
    }

    /** Selects nothing. */
    public static MethodSelection none() {
        return new MethodSelection("", List.of());
    }

    /** Whether any method of {@code binaryClassName} may be selected. */
    public boolean selectsClass(String binaryClassName) {
        for (Alternative a : alternatives) {
            if (a.classes().matches(binaryClassName)) {
                return true;
            }
        }
        return false;
    }

    public boolean selects(String binaryClassName, String methodName) {
        for (Alternative a : alternatives) {
            if (a.classes().matches(binaryClassName)
                    && (a.methods() == null || a.methods().matches(methodName) || a.methods().matches(lambdaHost(methodName)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code lambda$parse$0} was declared in {@code parse}; any other name is its own host. */
    private static String lambdaHost(String methodName) {
        if (methodName.startsWith("lambda$")) {
            int end = methodName.indexOf('$', 7);
            if (end > 7) {
                return methodName.substring(7, end);
            }
        }
        return methodName;
    }

    public boolean isEmpty() {
        return alternatives.isEmpty();
    }

    @Override
    public String toString() {
        return source;
    }
}
