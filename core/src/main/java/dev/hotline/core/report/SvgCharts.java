package dev.hotline.core.report;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Small inline SVG charts for the HTML report, drawn here so the page needs no script library and
 * no network: a percentile curve (HdrHistogram's classic plot, latency against 1/(1-p) on log
 * scales), a latency histogram, and lines over time.
 */
final class SvgCharts {

    static final int WIDTH = 420;
    static final int HEIGHT = 180;
    private static final int LEFT = 56;
    private static final int BOTTOM = 24;

    private SvgCharts() {
    }

    /** Latency at each percentile; x is log10(1/(1-p)) from 0 (p0) to 5 (p99.999). */
    static String percentileCurve(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "";
        }
        double maxY = Math.log10(Math.max(10, h.getMaxValue()));
        double minY = Math.log10(Math.max(1, h.getMinValue()));
        if (maxY - minY < 1) {
            minY = Math.max(0, maxY - 1);
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i <= 200; i++) {
            double x = 5.0 * i / 200;
            double p = 100 * (1 - Math.pow(10, -x));
            double v = Math.log10(Math.max(1, h.getValueAtPercentile(p)));
            path.append(i == 0 ? "M" : "L").append(fmt(px(x / 5))).append(',').append(fmt(py((v - minY) / (maxY - minY))));
        }
        StringBuilder svg = open("latency by percentile");
        axes(svg, minY, maxY);
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= 5; i++) {
            svg.append(text(px(i / 5.0), HEIGHT - 6, labels[i], "middle"));
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.6\"/>");
        return svg.append("</svg>").toString();
    }

    /** Counts per logarithmic latency bucket (powers of 2 ns). */
    static String histogram(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "";
        }
        long max = 0;
        int buckets = 0;
        long[] counts = new long[64];
        for (HistogramIterationValue v : h.logarithmicBucketValues(1, 2.0)) {
            if (buckets < counts.length) {
                counts[buckets] = v.getCountAddedInThisIterationStep();
                max = Math.max(max, counts[buckets]);
                buckets++;
            }
        }
        StringBuilder svg = open("calls per latency bucket");
        double barWidth = (double) (WIDTH - LEFT - 8) / Math.max(1, buckets);
        for (int i = 0; i < buckets; i++) {
            double hgt = max == 0 ? 0 : (HEIGHT - BOTTOM - 8) * Math.log1p(counts[i]) / Math.log1p(max);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#2e86c1\"><title>%s..%s: %d calls</title></rect>",
                    fmt(LEFT + i * barWidth), fmt(HEIGHT - BOTTOM - hgt), fmt(Math.max(1, barWidth - 1)), fmt(hgt),
                    Durations.format(i == 0 ? 0 : 1L << (i - 1)), Durations.format(1L << i), counts[i]));
            if (i % Math.max(1, buckets / 6) == 0) {
                svg.append(text(LEFT + i * barWidth, HEIGHT - 6, Durations.format(1L << i), "start"));
            }
        }
        svg.append(text(8, 14, "calls (log)", "start"));
        return svg.append("</svg>").toString();
    }

    /** Several series over time: x in seconds from the start, y in ns on a log scale. */
    static String overTime(List<String> names, List<double[][]> series) {
        double maxX = 1e-9;
        double maxY = 10;
        double minY = Double.MAX_VALUE;
        for (double[][] s : series) {
            for (double[] point : s) {
                maxX = Math.max(maxX, point[0]);
                maxY = Math.max(maxY, point[1]);
                minY = Math.min(minY, Math.max(1, point[1]));
            }
        }
        double top = Math.log10(maxY);
        double bottom = Math.log10(minY == Double.MAX_VALUE ? 1 : minY);
        if (top - bottom < 1) {
            bottom = Math.max(0, top - 1);
        }
        String[] colours = {"#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d68910", "#17a589"};
        StringBuilder svg = open("latency over the run");
        axes(svg, bottom, top);
        for (int k = 0; k < series.size(); k++) {
            StringBuilder path = new StringBuilder();
            double[][] s = series.get(k);
            for (int i = 0; i < s.length; i++) {
                double y = (Math.log10(Math.max(1, s[i][1])) - bottom) / (top - bottom);
                path.append(i == 0 ? "M" : "L").append(fmt(px(s[i][0] / maxX))).append(',').append(fmt(py(y)));
            }
            String colour = colours[k % colours.length];
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.4\"/>");
            svg.append(text(LEFT + 4, 14 + 12 * k, names.get(k), "start").replace("<text ", "<text fill=\"" + colour + "\" "));
        }
        svg.append(text(px(1), HEIGHT - 6, String.format(Locale.ROOT, "%.1f s", maxX), "end"));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>",
                WIDTH, HEIGHT, WIDTH, HEIGHT, title));
    }

    private static void axes(StringBuilder svg, double minLog, double maxLog) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                LEFT, HEIGHT - BOTTOM, WIDTH - 8, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"8\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", LEFT, LEFT, HEIGHT - BOTTOM));
        for (int decade = (int) Math.ceil(minLog); decade <= Math.floor(maxLog); decade++) {
            double y = py((decade - minLog) / (maxLog - minLog));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#eee\"/>", LEFT, fmt(y), WIDTH - 8, fmt(y)));
            svg.append(text(LEFT - 4, y + 4, Durations.format((long) Math.pow(10, decade)), "end"));
        }
    }

    private static double px(double fraction) {
        return LEFT + fraction * (WIDTH - LEFT - 8);
    }

    private static double py(double fraction) {
        return HEIGHT - BOTTOM - fraction * (HEIGHT - BOTTOM - 8);
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>", fmt(x), fmt(y), anchor, Html.escape(s));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
