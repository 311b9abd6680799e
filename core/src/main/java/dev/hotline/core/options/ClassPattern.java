package dev.hotline.core.options;

import java.util.ArrayList;
import java.util.List;

/**
 * JaCoCo-style class name patterns: alternatives separated by {@code :}, {@code *} matching any run
 * of characters (dots included), {@code ?} one character. Names are binary names with dots
 * ({@code com.acme.Outer$Inner}); a pattern written with slashes is accepted too.
 *
 * <p>Matching runs inside the class file transform, once per class loaded: it is a wildcard match
 * in time proportional to the pattern's length times the name's, not a regular expression, whose
 * backtracking takes exponential time on a pattern of many {@code *} (as {@code *a*a*a*a*a*b}
 * against a long name without a {@code b}).
 */
public final class ClassPattern {

    private final String source;
    private final List<String> alternatives;

    private ClassPattern(String source, List<String> alternatives) {
        this.source = source;
        this.alternatives = alternatives;
    }

    public static ClassPattern parse(String patterns) {
        List<String> alternatives = new ArrayList<>();
        for (String part : patterns.split(":")) {
            if (!part.isBlank()) {
                alternatives.add(part.trim().replace('/', '.'));
            }
        }
        return new ClassPattern(patterns, List.copyOf(alternatives));
    }

    /** Matches no name. */
    public static ClassPattern none() {
        return parse("");
    }

    public boolean matches(String binaryClassName) {
        for (String pattern : alternatives) {
            if (wildcardMatch(pattern, binaryClassName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code name} matches {@code pattern} as a whole. On a mismatch after a {@code *}, the
     * star takes one more character and the match resumes after it; only the latest star needs
     * retrying (an earlier one could only take characters the latest one can take as well).
     */
    static boolean wildcardMatch(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') { // before the literal test: '*' is no literal
                star = p++;
                resume = n;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return source;
    }
}
