package dev.hotline.core.options;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JaCoCo-style class name patterns: alternatives separated by {@code :}, {@code *} matching any run
 * of characters (dots included), {@code ?} one character. Names are binary names with dots
 * ({@code com.acme.Outer$Inner}); a pattern written with slashes is accepted too.
 */
public final class ClassPattern {

    private final String source;
    private final Pattern regex;

    private ClassPattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    public static ClassPattern parse(String patterns) {
        List<String> alternatives = new ArrayList<>();
        for (String part : patterns.split(":")) {
            if (part.isBlank()) {
                continue;
            }
            StringBuilder re = new StringBuilder();
            for (char c : part.trim().replace('/', '.').toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            alternatives.add(re.toString());
        }
        String regex = alternatives.isEmpty() ? "(?!)" : String.join("|", alternatives);
        return new ClassPattern(patterns, Pattern.compile(regex));
    }

    /** Matches no name. */
    public static ClassPattern none() {
        return parse("");
    }

    public boolean matches(String binaryClassName) {
        return regex.matcher(binaryClassName).matches();
    }

    @Override
    public String toString() {
        return source;
    }
}
