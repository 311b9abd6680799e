package dev.hotline.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The probe-cost comparison as a PNG: one horizontal bar per configuration, ns added per probe on
 * a log scale (the peers span two orders of magnitude), hotline's bars in orange.
 */
final class ProbeCostChart {

    private static final int WIDTH = 1000;
    private static final int BAR = 26;
    private static final int GAP = 10;
    private static final int LEFT = 430;
    private static final int RIGHT = 90;
    private static final int TOP = 60;
    private static final int BOTTOM = 50;

    private ProbeCostChart() {
    }

    static void write(Map<String, Double> costs, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + BOTTOM + costs.size() * (BAR + GAP);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        double max = costs.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double lo = 1;
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, 10))));
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, 20, 30);
        // decade grid lines
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double v = lo; v <= hi; v *= 10) {
            int x = LEFT + (int) (plotWidth * Math.log10(v / lo) / Math.log10(hi / lo));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, TOP - 5, x, height - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f ns", v), x - 12, height - BOTTOM + 18);
        }
        g.drawString("ns added per instrumented call (log scale; lower is better)", LEFT, height - 12);
        int y = TOP;
        FontMetrics fm = g.getFontMetrics();
        for (Map.Entry<String, Double> e : costs.entrySet()) {
            double v = Math.max(e.getValue(), lo);
            int w = (int) (plotWidth * Math.log10(v / lo) / Math.log10(hi / lo));
            boolean hotline = e.getKey().startsWith("hotline");
            boolean floor = e.getKey().startsWith("hand-written");
            g.setColor(hotline ? new Color(230, 120, 20) : floor ? new Color(120, 120, 120) : new Color(70, 110, 170));
            g.fillRect(LEFT, y, Math.max(w, 1), BAR);
            g.setColor(Color.BLACK);
            String label = e.getKey();
            while (fm.stringWidth(label) > LEFT - 20) {
                label = label.substring(0, label.length() - 2);
            }
            g.drawString(label, LEFT - 10 - fm.stringWidth(label), y + BAR - 8);
            g.drawString(String.format(Locale.ROOT, "%.1f", e.getValue()), LEFT + Math.max(w, 1) + 6, y + BAR - 8);
            y += BAR + GAP;
        }
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP - 5, LEFT, height - BOTTOM);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
