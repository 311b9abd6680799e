package dev.hotline.core.metrics;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes metric families line by line in one {@link ExpositionFormat}: the metadata lines (text
 * format: {@code HELP} and {@code TYPE} under the sample name, {@code _total} included for a
 * counter; OpenMetrics: {@code TYPE}, {@code UNIT}, {@code HELP} under the family name), samples, and
 * OpenMetrics' {@code # EOF}. Knows the escaping rules of both; knows nothing of hotline's metrics.
 *
 * <p>Not thread-safe; one per response.
 */
final class ExpositionWriter {

    enum Type { COUNTER, GAUGE, HISTOGRAM }

    private final ExpositionFormat format;
    private final Writer out;

    ExpositionWriter(ExpositionFormat format, Writer out) {
        this.format = format;
        this.out = out;
    }

    boolean openMetrics() {
        return format == ExpositionFormat.OPENMETRICS;
    }

    /**
     * The metadata of family {@code name}: its samples follow, none of another family in between.
     *
     * @param name the family name, without {@code _total}; it ends with {@code _unit} when unit is given
     * @param unit the unit ({@code seconds}), or null
     */
    void family(String name, Type type, String unit, String help) throws IOException {
        String lowerType = type.name().toLowerCase(java.util.Locale.ROOT);
        if (openMetrics()) {
            out.write("# TYPE " + name + " " + lowerType + "\n");
            if (unit != null) {
                out.write("# UNIT " + name + " " + unit + "\n");
            }
            out.write("# HELP " + name + " " + escape(help, true) + "\n");
        } else {
            String sampleName = type == Type.COUNTER ? name + "_total" : name;
            out.write("# HELP " + sampleName + " " + escape(help, false) + "\n");
            out.write("# TYPE " + sampleName + " " + lowerType + "\n");
        }
    }

    /**
     * One sample line.
     *
     * @param labels the labels inside the braces, already escaped ({@link #labels}); empty for none
     * @param value  the value as written: an integer or a decimal with a point
     */
    void sample(String name, String labels, String value) throws IOException {
        out.write(name);
        if (!labels.isEmpty()) {
            out.write('{');
            out.write(labels);
            out.write('}');
        }
        out.write(' ');
        out.write(value);
        out.write('\n');
    }

    /** The end of the exposition: OpenMetrics' {@code # EOF}; nothing in the text format. */
    void end() throws IOException {
        if (openMetrics()) {
            out.write("# EOF\n");
        }
        out.flush();
    }

    /** {@code name="value",...} for alternating names and values, the values escaped (same in both formats). */
    static String labels(String... namesAndValues) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                text.append(',');
            }
            text.append(namesAndValues[i]).append("=\"").append(escape(namesAndValues[i + 1], true)).append('"');
        }
        return text.toString();
    }

    /**
     * Backslash and line feed escaped as {@code \\} and {@code \n}, and with {@code quotes} the
     * double quote as {@code \"}: label values in both formats and OpenMetrics' HELP; the text
     * format's HELP escapes only the first two (a {@code \"} there would be read as two characters).
     */
    static String escape(String text, boolean quotes) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '"' -> quotes ? "\\\"" : null;
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /**
     * {@code value / 10^scale} written exactly as a decimal with a point ({@code 1.5}, {@code 0.000000123},
     * {@code 3.0}): nanoseconds as seconds with scale 9, picoseconds with 12. Both formats read it as
     * a float; no binary rounding happens on the way.
     */
    static String decimal(long value, int scale) {
        StringBuilder text = new StringBuilder(24);
        if (value < 0) {
            text.append('-');
        }
        String digits = Long.toString(Math.abs(value)); // callers pass no Long.MIN_VALUE: times are far from it
        if (digits.length() <= scale) {
            digits = "0".repeat(scale - digits.length() + 1) + digits;
        }
        int point = digits.length() - scale;
        text.append(digits, 0, point).append('.');
        int end = digits.length();
        while (end > point + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return text.append(digits, point, end).toString();
    }
}
