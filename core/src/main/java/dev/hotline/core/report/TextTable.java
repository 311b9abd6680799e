package dev.hotline.core.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A text table as the method table and {@code diff} print it: every column but the last
 * right-aligned to its widest cell, columns two spaces apart, and the last column (a method name)
 * left as it is, so the names start in one column.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    /** Adds a row (the first added is the header); every row has as many cells as the first. */
    public TextTable row(String... cells) {
        if (!rows.isEmpty() && cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + rows.get(0).length);
        }
        rows.add(cells.clone());
        return this;
    }

    public void print(PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[rows.get(0).length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(" ".repeat(widths[i] - row[i].length())).append(row[i]).append("  ");
            }
            out.println(line.append(row[widths.length]));
        }
    }
}
