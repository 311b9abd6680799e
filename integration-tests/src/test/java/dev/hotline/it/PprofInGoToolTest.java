package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hotline export --pprof} of a real run, read by Go's own pprof (Debian's golang-go), as its
 * users will: {@code -raw} parses and validates it, {@code -top} shows the method table's exact calls
 * and self times, {@code -tree} the callers and callees, {@code -lines} the files and lines, and
 * {@code -http} serves the top table and the flame graph. Skipped where Go is not installed
 * ({@code HOTLINE_GO} names another {@code go} binary).
 */
class PprofInGoToolTest {

    private static final Pattern TOP_ROW = Pattern.compile("^\\s*(\\d+)(?:ns)?\\s+\\S+%\\s+\\S+%\\s+(\\d+)(?:ns)?\\s+\\S+%\\s+(.+)$");

    private static Path go;
    private static Profile profile;
    private static Path pprof;

    @BeforeAll
    static void exportADemoRun() throws Exception {
        go = go();
        Assumptions.assumeTrue(go != null, "no Go installed (apt-get install golang-go): go tool pprof not tried");
        Jdks.Jdk jdk = Jdks.all().get(0);
        Path dump = ChildJvm.dumpPath("pprof");
        ChildJvm.Result run = ChildJvm.run(ChildJvm.java(jdk,
                "includes=dev.hotline.demo.*,linehits=dev.hotline.demo.*,alloc=dev.hotline.demo.*,out=" + dump,
                "-jar", ChildJvm.DEMO_JAR.toAbsolutePath().toString(), "--width", "120"), 300);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        profile = Dumps.read(dump);
        pprof = ChildJvm.WORK.toAbsolutePath().resolve("demo-" + System.nanoTime() + ".pb.gz");
        ChildJvm.Result export = ChildJvm.run(List.of(jdk.java().toString(), "-jar", ChildJvm.AGENT_JAR.toAbsolutePath().toString(),
                "export", dump.toString(), "--pprof", "-o", pprof.toString()), 120);
        assertThat(export.exitCode()).as(export.stderr()).isZero();
        assertThat(export.stdout()).contains("wrote " + pprof + " (pprof)");
    }

    private static Path go() {
        String configured = System.getenv("HOTLINE_GO");
        for (String candidate : configured != null ? List.of(configured)
                : List.of("/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        return null;
    }

    private static ChildJvm.Result pprof(String... flags) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(go.toString(), "tool", "pprof"));
        command.addAll(List.of(flags));
        command.add(pprof.toString());
        ChildJvm.Result result = ChildJvm.run(command, 120);
        assertThat(result.exitCode()).as("%s: %s", command, result.stderr()).isZero();
        return result;
    }

    @Test
    void go_pprof_parses_and_validates_the_profile() throws Exception {
        // -raw prints the profile as pprof parsed it, after its CheckValid (ids, value counts, tables)
        String raw = pprof("-raw").stdout();

        assertThat(raw).contains("calls/count total/nanoseconds self/nanoseconds[dflt] alloc_objects/count alloc_space/bytes",
                "PeriodType: calls count", "Comment: hotline profile of");
    }

    @Test
    void top_shows_every_methods_exact_calls_and_self_time() throws Exception {
        Map<String, long[]> calls = top("-sample_index=calls");
        Map<String, long[]> self = top("-unit=ns");

        for (MethodProfile m : profile.methods()) {
            String name = m.method().displayName();
            assertThat(calls.get(name)).as("calls of %s", name).isNotNull();
            assertThat(calls.get(name)[0]).as("calls of %s", name).isEqualTo(m.calls());
            if (m.selfNanos() > 0) {
                assertThat(self.get(name)[0]).as("self of %s", name).isEqualTo(m.selfNanos());
            }
        }
        // pprof's cum is the self time below: the width of compute's frame in the flame graph (equal
        // to its cumtime up to the node self times that sampling noise made negative, shown as 0)
        MethodProfile compute = Dumps.method(profile, "dev.hotline.demo.BoxedJulia", "compute");
        long width = 0;
        java.util.Deque<dev.hotline.core.profile.CallTreeNode> pending = new java.util.ArrayDeque<>();
        pending.push(profile.callTree());
        while (!pending.isEmpty()) {
            for (dev.hotline.core.profile.CallTreeNode child : pending.pop().children()) {
                if (compute.method().equals(child.method())) {
                    width += child.widthNanos();
                } else {
                    pending.push(child);
                }
            }
        }
        assertThat(self.get(compute.method().displayName())[1]).as("cum of compute (called once, not recursive)")
                .isEqualTo(width);
    }

    @Test
    void tree_shows_callers_and_callees_and_lines_the_files_and_lines() throws Exception {
        String tree = pprof("-tree", "-nodefraction=0").stdout();
        assertThat(tree).contains("| dev.hotline.demo.Complex.multiply(Complex)",
                "|   dev.hotline.demo.BoxedJulia.calculate(List, List, int, int[], int, int)");

        String lines = pprof("-top", "-lines", "-nodefraction=0").stdout();
        assertThat(lines).contains("dev.hotline.demo.Complex.multiply(Complex) dev/hotline/demo/Complex.java:");

        String allocations = pprof("-top", "-sample_index=alloc_objects", "-nodefraction=0").stdout();
        assertThat(allocations).contains("dev.hotline.demo.Complex.add(Complex)");
    }

    @Test
    void the_web_ui_serves_the_top_table_and_the_flame_graph() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile(ChildJvm.WORK, "pprof-http-", ".txt");
        Process server = new ProcessBuilder(go.toString(), "tool", "pprof", "-no_browser", "-http=127.0.0.1:" + port, pprof.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String top = get("http://127.0.0.1:" + port + "/ui/top", server, log);
            assertThat(top).contains("dev.hotline.demo.BoxedJulia.calculate(List, List, int, int[], int, int)");
            // the flame graph shortens Java names to Class.method, as pprof does for every Java profile
            String flame = get("http://127.0.0.1:" + port + "/ui/flamegraph", server, log);
            assertThat(flame).contains("BoxedJulia.calculate", "Complex.multiply");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** pprof's -top as name -> {flat, cum}. */
    private static Map<String, long[]> top(String... flags) throws Exception {
        String[] all = new String[flags.length + 2];
        all[0] = "-top";
        all[1] = "-nodefraction=0";
        System.arraycopy(flags, 0, all, 2, flags.length);
        Map<String, long[]> rows = new HashMap<>();
        for (String line : pprof(all).stdout().split("\\R")) {
            Matcher row = TOP_ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(3).trim(), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
            }
        }
        return rows;
    }

    /** The page's body once the server answers; waits up to 60 s for it to start. */
    private static String get(String url, Process server, Path log) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            assertThat(server.isAlive()).as("pprof -http stopped: %s", Files.readString(log)).isTrue();
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(30_000);
                assertThat(connection.getResponseCode()).as(url).isEqualTo(200);
                try (var in = connection.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (java.net.ConnectException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("pprof -http did not answer at " + url + ": " + Files.readString(log));
    }
}
