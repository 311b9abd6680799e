package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's wrk, an HTTP load generator, run against a port on loopback for a bounded time. */
final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private Wrk() {
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(10, TimeUnit.SECONDS);
            return true; // wrk --version exits 1 after printing its usage: being there is what counts
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }

    static LoadResult run(int port, int connections, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(ChildJvm.WORK.toAbsolutePath(), "wrk-", ".txt");
        Process wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "http://127.0.0.1:" + port + "/")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new AssertionError("wrk did not end");
        }
        String report = Files.readString(out);
        if (wrk.exitValue() != 0) {
            throw new AssertionError("wrk failed: " + report);
        }
        Matcher requests = REQUESTS.matcher(report);
        if (!requests.find()) {
            throw new AssertionError("no request count in wrk's report: " + report);
        }
        long failures = 0;
        Matcher errors = SOCKET_ERRORS.matcher(report);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Long.parseLong(errors.group(g));
            }
        }
        Matcher non2xx = NON_2XX.matcher(report);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        return new LoadResult("wrk", Long.parseLong(requests.group(1)), failures);
    }
}
