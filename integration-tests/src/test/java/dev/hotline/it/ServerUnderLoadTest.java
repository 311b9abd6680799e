package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.Profile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real server under load, instrumented as a user would: embedded Jetty 12 with its own packages
 * ({@code org.eclipse.jetty.*}) and the application's handler timed, {@code interval=2s}, driven on
 * loopback for 15 seconds by Debian's {@code wrk} where it is installed (.ci/run installs it), else
 * by {@link LoadClient} ({@code -Dhotline.load=java} chooses it). No request fails; the handler's calls in the final dump are exactly the
 * requests the server completed; every periodic dump written during the run reads, its handler
 * count never going down; and the heap in use after a full collection stays flat in the second
 * half of the run.
 */
class ServerUnderLoadTest {

    private static final Path SERVER_LIBS = Paths.get(System.getProperty("hotline.server.libs", "target/server-libs"));
    private static final String HANDLER = "dev.hotline.it.targets.JettyServerApp$PageHandler";
    private static final int LOAD_SECONDS = 15;
    private static final int CONNECTIONS = 8;
    /**
     * Heap growth allowed between the first and the last sample of the run's second half (about
     * 7 s, tens of thousands of requests, 3 intervals): per request, 64 bytes would already be
     * megabytes; the intervals' histograms are kept compressed.
     */
    private static final long FLAT_BYTES = 2 * 1024 * 1024;
    private static final Pattern HEAP = Pattern.compile("heap served=(\\d+) used=(\\d+)");

    @Test
    void jetty_under_load_serves_every_request_counts_each_one_and_keeps_its_heap_flat() throws Exception {
        Path dump = ChildJvm.dumpPath("jetty");
        Path stdout = ChildJvm.WORK.toAbsolutePath().resolve("jetty-stdout-" + System.nanoTime() + ".txt");
        Path stderr = ChildJvm.WORK.toAbsolutePath().resolve("jetty-stderr-" + System.nanoTime() + ".txt");
        List<String> command = ChildJvm.java(Jdks.all().get(0),
                "includes=org.eclipse.jetty.*:dev.hotline.it.targets.*,interval=2s,out=" + dump,
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath(), "dev.hotline.it.targets.JettyServerApp");
        Process server = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        PeriodicDumps periodic = new PeriodicDumps(dump);
        LoadResult load;
        try {
            int port = port(stdout, server);
            periodic.start();
            load = Wrk.installed() && !"java".equals(System.getProperty("hotline.load")) ? Wrk.run(port, CONNECTIONS, LOAD_SECONDS) : LoadClient.run(port, 4, LOAD_SECONDS);
        } finally {
            periodic.stopReading();
            server.getOutputStream().close(); // the server stops and writes its final dump
            if (!server.waitFor(120, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        String out = Files.readString(stdout);
        assertThat(server.exitValue()).as(Files.readString(stderr)).isZero();
        long served = served(out);
        System.out.printf("server under load (%s): %d requests answered, %d failed, %d served by the handler; "
                        + "%d periodic dumps read while it ran%n",
                load.generator(), load.requests(), load.failures(), served, periodic.reads());

        assertThat(load.failures()).as("failed requests").isZero();
        assertThat(load.requests()).as("requests answered").isGreaterThan(1_000);
        // the load generator stops with up to one request per connection in flight
        assertThat(served).isBetween(load.requests(), load.requests() + CONNECTIONS);
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.calls(profile, HANDLER, "handle")).as("handler calls in the final dump").isEqualTo(served);
        assertThat(profile.methods()).as("Jetty's own methods are timed")
                .anyMatch(m -> m.method().className().startsWith("org.eclipse.jetty.server."));

        assertThat(periodic.failures()).as("periodic dumps that did not read").isEmpty();
        assertThat(periodic.reads()).as("periodic dumps read while the server ran").isGreaterThanOrEqualTo(3);
        assertThat(periodic.handlerCallsNeverWentDown()).isTrue();

        assertHeapFlat(out);
    }

    /**
     * The heap's floor in the second half of the run: the least of the samples of its last quarter
     * against the least of those of its third quarter. A leak (per request, per interval)
     * raises the floor; a dump being written at one sample does not.
     */
    private static void assertHeapFlat(String out) {
        List<long[]> underLoad = new ArrayList<>(); // {served, used}
        long previousServed = -1;
        Matcher m = HEAP.matcher(out);
        while (m.find()) {
            long served = Long.parseLong(m.group(1));
            if (previousServed >= 0 && served > previousServed) { // requests were served since the last sample
                underLoad.add(new long[] {served, Long.parseLong(m.group(2))});
            }
            previousServed = served;
        }
        System.out.printf("heap after full GC under load: %s%n", underLoad.stream().map(s -> s[1] / 1024 + " KB").toList());
        assertThat(underLoad).as("heap samples taken under load").hasSizeGreaterThanOrEqualTo(8);
        List<long[]> secondHalf = underLoad.subList(underLoad.size() / 2, underLoad.size());
        int k = secondHalf.size();
        List<long[]> early = secondHalf.subList(0, k / 2);
        List<long[]> late = secondHalf.subList(k - k / 2, k);
        long requests = late.get(late.size() - 1)[0] - early.get(0)[0];
        long growth = floor(late) - floor(early);
        System.out.printf("heap floor over the second half: %+d KB in %d requests%n", growth / 1024, requests);
        assertThat(requests).as("requests between the compared samples").isGreaterThan(1_000);
        assertThat(growth).as("growth of the heap's floor over the second half (%d requests)", requests).isLessThan(FLAT_BYTES);
    }

    private static long floor(List<long[]> samples) {
        return samples.stream().mapToLong(s -> s[1]).min().orElseThrow();
    }

    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(ChildJvm.TARGETS.toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(SERVER_LIBS)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toAbsolutePath().toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static int port(Path stdout, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Matcher m = Pattern.compile("port=(\\d+)").matcher(Files.readString(stdout));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start: " + Files.readString(stdout));
    }

    private static long served(String out) {
        Matcher m = Pattern.compile("(?m)^served=(\\d+)$").matcher(out);
        assertThat(m.find()).as("the server's count at exit in: " + out).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Reads each new periodic dump as it appears, while the server runs. */
    private static final class PeriodicDumps extends Thread {
        private final Path dump;
        private volatile boolean stop;
        private final List<String> failures = new ArrayList<>();
        private final List<Long> handlerCalls = new ArrayList<>();

        PeriodicDumps(Path dump) {
            super("periodic-dump-reader");
            this.dump = dump;
        }

        @Override
        public void run() {
            long seen = -1;
            while (!stop) {
                try {
                    if (Files.exists(dump)) {
                        long modified = Files.getLastModifiedTime(dump).toMillis() ^ Files.size(dump);
                        if (modified != seen) {
                            seen = modified;
                            Profile p = DumpReader.read(dump);
                            synchronized (this) {
                                handlerCalls.add(Dumps.calls(p, HANDLER, "handle"));
                            }
                        }
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        failures.add(e.toString());
                    }
                }
            }
        }

        void stopReading() throws InterruptedException {
            stop = true;
            join();
        }

        synchronized List<String> failures() {
            return failures;
        }

        synchronized int reads() {
            return handlerCalls.size();
        }

        synchronized boolean handlerCallsNeverWentDown() {
            for (int i = 1; i < handlerCalls.size(); i++) {
                if (handlerCalls.get(i) < handlerCalls.get(i - 1)) {
                    return false;
                }
            }
            return true;
        }
    }
}
