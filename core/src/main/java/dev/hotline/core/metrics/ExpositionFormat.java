package dev.hotline.core.metrics;

import java.util.Locale;

/**
 * The two text formats the metrics endpoint speaks, and the choice between them from a scraper's
 * {@code Accept} header. Prometheus asks for
 * {@code application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,*}{@code /*;q=0.1}
 * and gets OpenMetrics; curl, a browser or a scraper that names only {@code text/plain} gets the
 * Prometheus text format, the fallback for anything else too.
 */
public enum ExpositionFormat {
    /** The Prometheus text exposition format, version 0.0.4. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0: counters' families without {@code _total}, {@code UNIT} lines, {@code # EOF} last. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The {@code Content-Type} of a response in this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format an {@code Accept} header asks for: the media range with the highest {@code q} among
     * those this endpoint serves ({@code application/openmetrics-text} of version 1.0.0 or none;
     * {@code text/plain} of version 0.0.4 or none; {@code text/*}, {@code *}{@code /*}), the first of
     * equal ones; the text format when the header is absent or names nothing served (a scraper that
     * cannot read it will say so, which is better than a 406 it cannot act on).
     */
    public static ExpositionFormat negotiate(String accept) {
        if (accept == null) {
            return PROMETHEUS_TEXT;
        }
        ExpositionFormat best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";", -1);
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            String version = null;
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = param.substring(eq + 1).trim();
                if (name.equals("q")) {
                    q = quality(value);
                } else if (name.equals("version")) {
                    version = value;
                }
            }
            ExpositionFormat format = switch (type) {
                case "application/openmetrics-text" -> version == null || version.equals("1.0.0") ? OPENMETRICS : null;
                case "text/plain" -> version == null || version.equals("0.0.4") ? PROMETHEUS_TEXT : null;
                case "text/*", "*/*" -> PROMETHEUS_TEXT;
                default -> null;
            };
            if (format != null && q > bestQ) {
                best = format;
                bestQ = q;
            }
        }
        return best == null ? PROMETHEUS_TEXT : best;
    }

    /** An HTTP quality value (0 to 1); a malformed one counts as 0, not acceptable. */
    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
