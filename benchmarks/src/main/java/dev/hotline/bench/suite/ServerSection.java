package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real server: an embedded Jetty 12 serving a small page on loopback to keep-alive connections
 * from a load generator in the same JVM (whose package is not timed), with Jetty's own packages
 * ({@code org.eclipse.jetty.*}) timed by hotline in the default mode and with {@code timing=exact};
 * requests per second and latency percentiles against the plain run, median of several runs, run
 * round-robin.
 */
final class ServerSection {

    private static final String MAIN = "dev.hotline.bench.server.JettyUnderLoad";
    static final String DEFAULT = "hotline default mode, `includes=org.eclipse.jetty.*`";

    private final Peers peers;
    private final Runner runner;
    private final int runs;
    private final String[] args;
    private final List<Setup> setups = new ArrayList<>();
    private final List<List<Double>> rps = new ArrayList<>();
    private final List<List<Double>> p50 = new ArrayList<>();
    private final List<List<Double>> p99 = new ArrayList<>();
    private double pageBytes = Double.NaN;

    ServerSection(Peers peers, Runner runner, int runs, double warmupSeconds, double seconds) {
        this.peers = peers;
        this.runner = runner;
        this.runs = runs;
        this.args = new String[] {"--connections", "8", "--warmup", "" + warmupSeconds, "--seconds", "" + seconds};
        String jetty = "includes=org.eclipse.jetty.*";
        setups.add(new Setup("plain", peers.java17, List.of()));
        setups.add(peers.hotline(DEFAULT, peers.java17, jetty));
        setups.add(peers.hotline("hotline `timing=exact`, `includes=org.eclipse.jetty.*`", peers.java17,
                jetty + ",timing=exact"));
    }

    void measure() throws IOException, InterruptedException {
        for (int i = 0; i < setups.size(); i++) {
            rps.add(new ArrayList<>());
            p50.add(new ArrayList<>());
            p99.add(new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < setups.size(); i++) {
                ChildJvm.Run r = runner.runOn(peers.serverClassPath(), "server", setups.get(i), MAIN, args);
                if (r.value("errors") > 0) {
                    throw new IllegalStateException("the load generator saw errors:\n" + r.stdout() + "\n" + r.stderr());
                }
                pageBytes = r.value("page_bytes");
                rps.get(i).add(r.value("requests_per_s"));
                p50.get(i).add(r.value("p50_us"));
                p99.get(i).add(r.value("p99_us"));
            }
        }
    }

    /** Requests/s in the default mode against plain (median over median). */
    double defaultRatio() {
        return Stats.median(rps.get(1)) / Stats.median(rps.get(0));
    }

    String markdown() {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Embedded Jetty %s serving a %.0f-byte page on "
                + "loopback, JDK 17; a load generator in the same JVM (not timed) keeps 8 keep-alive HTTP/1.1 "
                + "connections busy (a request as soon as the last response is read), %s s unmeasured, then %s s "
                + "measured; median of %d runs (min–max).%n%n", Peers.JETTY, pageBytes, args[3], args[5], runs));
        md.append("| configuration | requests/s | × plain | p50 latency | p99 latency |\n|---|---|---|---|---|\n");
        double plain = Stats.median(rps.get(0));
        for (int i = 0; i < setups.size(); i++) {
            double r = Stats.median(rps.get(i));
            md.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %s | %.0f µs | %.0f µs |%n",
                    setups.get(i).name(), r, Stats.min(rps.get(i)), Stats.max(rps.get(i)),
                    i == 0 ? "—" : String.format(Locale.ROOT, "**%.2f×**", r / plain), Stats.median(p50.get(i)),
                    Stats.median(p99.get(i))));
        }
        return md.toString();
    }
}
