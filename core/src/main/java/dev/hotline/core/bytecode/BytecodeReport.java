package dev.hotline.core.bytecode;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints method listings: unified (inserted rows marked {@code +}), side by side, or as JSON. */
public final class BytecodeReport {

    private static final int COLUMN = 52;

    private BytecodeReport() {
    }

    public static void text(String className, List<MethodListing> methods, boolean sideBySide, InliningLimits limits,
                            PrintWriter out) {
        out.println("class " + className + "   (HotSpot limits " + (limits.fromRunningJvm() ? "of this JVM" : "assumed")
                + ": MaxInlineSize " + limits.maxInlineSize() + ", FreqInlineSize " + limits.freqInlineSize()
                + ", HugeMethodLimit " + limits.hugeMethodLimit() + ")");
        for (MethodListing m : methods) {
            out.println();
            out.println(m.method().displayName() + "   " + m.method().descriptor());
            if (m.after() == null) {
                out.println(String.format(Locale.ROOT, "  bytecode %d bytes, max stack %d, max locals %d: %s",
                        m.before().length(), m.before().maxStack(), m.before().maxLocals(), String.join("; ", m.notes())));
            } else {
                out.println(String.format(Locale.ROOT, "  bytecode %d -> %d bytes, max stack %d -> %d, max locals %d -> %d",
                        m.before().length(), m.after().length(), m.before().maxStack(), m.after().maxStack(),
                        m.before().maxLocals(), m.after().maxLocals()));
                m.notes().forEach(note -> out.println("  " + note));
            }
            m.warnings().forEach(warning -> out.println("  WARNING " + warning));
            if (sideBySide && m.after() != null) {
                out.println(String.format(Locale.ROOT, "  %5s  %-" + COLUMN + "s | %s", "line", "original", "instrumented"));
                for (MethodListing.Row row : m.rows()) {
                    String left = row.inserted() ? "" : row.text();
                    String right = row.text() + (row.probe() == null ? "" : "   ; " + row.probe());
                    out.println(String.format(Locale.ROOT, "  %5s  %-" + COLUMN + "s | %s%s", line(row),
                            clip(left), row.inserted() ? "+ " : "  ", right));
                }
            } else {
                out.println(String.format(Locale.ROOT, "  %5s    %s", "line", m.after() == null ? "code" : "code (+ inserted by hotline)"));
                for (MethodListing.Row row : m.rows()) {
                    out.println(String.format(Locale.ROOT, "  %5s  %s %s%s", line(row), row.inserted() ? "+" : " ", row.text(),
                            row.probe() == null ? "" : "   ; " + row.probe()));
                }
            }
        }
        out.flush();
    }

    private static String line(MethodListing.Row row) {
        return row.line() == 0 ? "" : Integer.toString(row.line());
    }

    private static String clip(String text) {
        return text.length() <= COLUMN ? text : text.substring(0, COLUMN - 3) + "...";
    }

    public static void json(String className, List<MethodListing> methods, InliningLimits limits, PrintWriter out)
            throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.setIndent("  ");
        json.beginObject();
        json.name("class").value(className);
        json.name("limits").beginObject()
                .name("maxInlineSize").value(limits.maxInlineSize())
                .name("freqInlineSize").value(limits.freqInlineSize())
                .name("hugeMethodLimit").value(limits.hugeMethodLimit())
                .name("fromRunningJvm").value(limits.fromRunningJvm())
                .endObject();
        json.name("methods").beginArray();
        for (MethodListing m : methods) {
            json.beginObject();
            json.name("method").value(m.method().name());
            json.name("descriptor").value(m.method().descriptor());
            json.name("instrumented").value(m.after() != null);
            code(json, "before", m.before());
            if (m.after() != null) {
                code(json, "after", m.after());
            }
            json.name("notes").beginArray();
            for (String note : m.notes()) {
                json.value(note);
            }
            json.endArray();
            json.name("warnings").beginArray();
            for (String warning : m.warnings()) {
                json.value(warning);
            }
            json.endArray();
            json.name("instructions").beginArray();
            for (MethodListing.Row row : m.rows()) {
                json.beginObject();
                json.name("line").value(row.line());
                json.name("text").value(row.text());
                json.name("inserted").value(row.inserted());
                if (row.probe() != null) {
                    json.name("probe").value(row.probe());
                }
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.flush();
        out.println();
        out.flush();
    }

    private static void code(JsonWriter json, String name, CodeAttributes.Code code) throws IOException {
        json.name(name).beginObject()
                .name("bytes").value(code.length())
                .name("maxStack").value(code.maxStack())
                .name("maxLocals").value(code.maxLocals())
                .endObject();
    }
}
