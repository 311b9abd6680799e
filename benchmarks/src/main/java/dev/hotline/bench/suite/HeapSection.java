package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.Locale;

/**
 * The agent's heap per instrumented method: heap in use after full collections with hotline timing
 * every method of N generated methods, minus the same program without an agent. Twice: with the
 * classes only loaded (what the agent keeps per method it instrumented) and with every method run
 * once (adds this thread's counters and the first histogram bucket per method).
 */
final class HeapSection {

    private static final String MAIN = "dev.hotline.bench.HeapProbe";

    private final Peers peers;
    private final Runner runner;

    HeapSection(Peers peers, Runner runner) {
        this.peers = peers;
        this.runner = runner;
    }

    String measureAndReport(int[] sizes) throws IOException, InterruptedException {
        Setup none = peers.none(peers.java17);
        Setup hotline = peers.hotline("hotline, default mode", peers.java17, "includes=dev.hotline.bench.gen.heap.*");
        StringBuilder md = new StringBuilder();
        md.append("Heap in use after `System.gc()` (least of four), hotline minus no agent, JDK 17, one JVM per cell; "
                + "metaspace grows too, with the larger instrumented bytecode.\n\n");
        md.append("| instrumented methods | loaded: heap added | per method | each run once: heap added | per method "
                + "| metaspace added (run once) |\n");
        md.append("|---|---|---|---|---|---|\n");
        double[] x = new double[sizes.length];
        double[] loadedHeap = new double[sizes.length];
        double[] calledHeap = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int methods = sizes[i];
            double[] heap = new double[2];
            double meta = 0;
            String[] modes = {"loaded", "called"};
            for (int m = 0; m < 2; m++) {
                ChildJvm.Run base = runner.run("heap", none, MAIN, "" + methods, modes[m]);
                ChildJvm.Run timed = runner.run("heap", hotline, MAIN, "" + methods, modes[m]);
                if (timed.value("methods") < methods) {
                    throw new IllegalStateException("the heap workload defined only " + timed.value("methods") + " methods");
                }
                heap[m] = timed.value("heap_bytes") - base.value("heap_bytes");
                if (m == 1) {
                    meta = timed.value("metaspace_bytes") - base.value("metaspace_bytes");
                }
            }
            x[i] = methods;
            loadedHeap[i] = heap[0];
            calledHeap[i] = heap[1];
            md.append(String.format(Locale.ROOT, "| %,d | %s | %.0f B | %s | %.0f B | %s |%n", methods,
                    bytes(heap[0]), heap[0] / methods, bytes(heap[1]), heap[1] / methods, bytes(meta)));
        }
        if (sizes.length > 1) {
            double[] loaded = Stats.linearFit(x, loadedHeap);
            double[] called = Stats.linearFit(x, calledHeap);
            md.append(String.format(Locale.ROOT, "%nThe slope, which leaves out the agent's fixed cost: **%.0f B per "
                    + "instrumented method** loaded (fixed part %s), **%.0f B** per method run once (fixed part %s).%n",
                    loaded[0], bytes(loaded[1]), called[0], bytes(called[1])));
        }
        return md.toString();
    }

    static String bytes(double b) {
        return b >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20))
                : String.format(Locale.ROOT, "%.0f KiB", b / 1024);
    }
}
