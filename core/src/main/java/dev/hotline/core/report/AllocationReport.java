package dev.hotline.core.report;

import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.Profile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The allocation view: the top allocation sites (count, bytes, type, site), then per method a
 * memory_profiler-style listing of its lines with the allocations and bytes each performed.
 */
public final class AllocationReport implements ProfileRenderer {

    private final int top;
    private final SourceLookup sources;

    public AllocationReport(int top, SourceLookup sources) {
        this.top = top;
        this.sources = sources;
    }

    /** Most bytes first (unknown sizes last), then most allocations, then by site. */
    public static List<AllocationProfile> bySize(List<AllocationProfile> allocations) {
        List<AllocationProfile> sorted = new ArrayList<>(allocations);
        sorted.sort(Comparator.comparingLong((AllocationProfile a) -> -a.bytes())
                .thenComparingLong(a -> -a.count())
                .thenComparing(a -> a.site().method().key())
                .thenComparingInt(a -> a.site().line())
                .thenComparing(a -> a.site().type()));
        return sorted;
    }

    @Override
    public void render(Profile profile, String source, OutputStream target) {
        PrintWriter out = ProfileRenderer.text(target);
        List<AllocationProfile> sites = bySize(profile.allocations());
        if (sites.isEmpty()) {
            out.println("No allocation data. Allocation sites are counted in the methods the agent's alloc= option"
                    + " selects, e.g. -javaagent:hotline-agent.jar=alloc=com.acme.*");
            out.flush();
            return;
        }
        out.println("Allocations the bytecode performs (exact counts; the JIT may eliminate some of them);"
                + " bytes are the JVM's shallow sizes.");
        out.println();
        String header = String.format(Locale.ROOT, "%12s %12s  %-28s %s", "count", "bytes", "type", "site");
        out.println(header);
        int shown = top > 0 ? Math.min(top, sites.size()) : sites.size();
        for (AllocationProfile a : sites.subList(0, shown)) {
            out.println(String.format(Locale.ROOT, "%12d %12s  %-28s %s:%d", a.count(), bytes(a.bytes()),
                    a.site().type(), a.site().method().displayName(), a.site().line()));
        }
        if (shown < sites.size()) {
            out.println("(" + (sites.size() - shown) + " more sites; --top 0 shows all)");
        }
        out.println();
        renderLines(sites, out);
        out.flush();
    }

    private void renderLines(List<AllocationProfile> sites, PrintWriter out) {
        Map<MethodRef, TreeMap<Integer, long[]>> byMethod = new LinkedHashMap<>();
        Map<MethodRef, Long> methodBytes = new LinkedHashMap<>();
        Map<MethodRef, String> files = new LinkedHashMap<>();
        Map<MethodRef, Boolean> unknown = new LinkedHashMap<>();
        for (AllocationProfile a : sites) {
            long[] sum = byMethod.computeIfAbsent(a.site().method(), k -> new TreeMap<>())
                    .computeIfAbsent(a.site().line(), k -> new long[2]);
            sum[0] += a.count();
            sum[1] = sum[1] < 0 || a.bytes() < 0 ? -1 : sum[1] + a.bytes();
            methodBytes.merge(a.site().method(), Math.max(0, a.bytes()), Long::sum);
            files.putIfAbsent(a.site().method(), a.site().file());
            unknown.merge(a.site().method(), a.bytes() < 0, Boolean::logicalOr);
        }
        List<MethodRef> methods = new ArrayList<>(byMethod.keySet());
        methods.sort(Comparator.comparingLong((MethodRef m) -> -methodBytes.get(m)));
        for (MethodRef method : methods) {
            TreeMap<Integer, long[]> lines = byMethod.get(method);
            String file = files.get(method);
            out.println("Method: " + method.displayName() + "   allocated " + bytes(methodBytes.get(method))
                    + (unknown.get(method) ? " and objects of unknown size" : ""));
            String header = String.format(Locale.ROOT, "%6s %12s %12s  %s", "Line #", "allocations", "Increment", "Line Contents");
            out.println(header);
            out.println("=".repeat(header.length() + 40));
            for (int n = lines.firstKey(); n <= lines.lastKey(); n++) {
                long[] sum = lines.get(n);
                String contents = file.isEmpty() ? "" : sources.line(file, n);
                if (sum == null) {
                    out.println(String.format(Locale.ROOT, "%6d %12s %12s  %s", n, "", "", contents));
                } else {
                    out.println(String.format(Locale.ROOT, "%6d %12d %12s  %s", n, sum[0], bytes(sum[1]), contents));
                }
            }
            out.println();
        }
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : value >= 10 ? "%.1f %s" : "%.2f %s", value, units[unit]);
    }
}
