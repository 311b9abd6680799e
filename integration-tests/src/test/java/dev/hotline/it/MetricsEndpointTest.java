package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metrics endpoint of a running JVM with 3,001 instrumented methods, read by what users scrape
 * it with: {@code promtool check metrics} on the body, and a real Prometheus (Debian's
 * {@code prometheus} package; {@code HOTLINE_PROMETHEUS} and {@code HOTLINE_PROMTOOL} name other
 * binaries) that scrapes it and answers a query through its HTTP API. One of the classes has a name
 * no compiler makes ({@code weird.Quo"te\Back}), so its labels need escaping. Tests that need a tool
 * that is not installed are skipped and say so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsEndpointTest {

    private static final int CLASSES = 6;
    private static final int METHODS_PER_CLASS = 500;
    private static final int TOP = 20;
    /** A binary class name with a double quote and a backslash: legal in a class file. */
    private static final String WEIRD = "weird.Quo\"te\\Back";
    private static final String WEIRD_LABELS = "class=\"weird.Quo\\\"te\\\\Back\",method=\"m0\",descriptor=\"()I\"";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)$");

    private static Process workload;
    private static Path stdout;
    private static Path stderr;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @BeforeAll
    static void startTheWorkload() throws Exception {
        Path gen = Files.createDirectories(ChildJvm.WORK.toAbsolutePath().resolve("metrics-gen"));
        for (int c = 0; c < CLASSES; c++) {
            Files.write(gen.resolve("gen.C" + c + ".class"), GeneratedClasses.wide("gen/C" + c, METHODS_PER_CLASS));
        }
        Files.write(gen.resolve(WEIRD + ".class"), GeneratedClasses.wide(WEIRD.replace('.', '/'), 1));
        port = freePort();
        stdout = Files.createTempFile(ChildJvm.WORK, "metrics-stdout-", ".txt");
        stderr = Files.createTempFile(ChildJvm.WORK, "metrics-stderr-", ".txt");
        List<String> command = ChildJvm.java(Jdks.all().get(0),
                "includes=gen.*:weird.*,timing=exact,log=debug,metrics=127.0.0.1:" + port + ",metricstop=" + TOP
                        + ",metricssort=calls,out=" + ChildJvm.dumpPath("metrics"),
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), "dev.hotline.it.targets.MetricsWorkloadApp",
                gen.toString(), "weird.");
        workload = new ProcessBuilder(command).directory(ChildJvm.WORK.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        waitFor(stdout, "ready ");
    }

    @AfterAll
    static void stopTheWorkload() throws Exception {
        if (workload != null && workload.isAlive()) {
            workload.destroyForcibly();
            workload.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void promtool_accepts_the_text_format_body() throws Exception {
        Path promtool = tool("HOTLINE_PROMTOOL", "/usr/bin/promtool");
        Assumptions.assumeTrue(promtool != null, "no promtool installed (apt-get install prometheus)");
        Path body = ChildJvm.WORK.toAbsolutePath().resolve("metrics-" + System.nanoTime() + ".txt");
        Files.writeString(body, scrape(null).body());

        ChildJvm.Result check = ChildJvm.run(List.of("sh", "-c", "'" + promtool + "' check metrics < '" + body + "'"), 60);

        assertThat(check.exitCode()).as("promtool check metrics: %s%s", check.stdout(), check.stderr()).isZero();
        assertThat(check.stdout() + check.stderr()).as("promtool's complaints").isBlank();
    }

    @Test
    @Order(2)
    void the_top_methods_by_calls_are_shown_of_thousands_called_and_an_odd_class_name_is_escaped() throws Exception {
        HttpResponse<String> response = scrape(null);
        String body = response.body();

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Set<String> shown = new LinkedHashSet<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals("hotline_method_calls_total")) {
                shown.add(m.group(2));
            }
        }
        assertThat(shown).hasSize(TOP);
        assertThat(shown.iterator().next()).as("called twice a round: first by calls").isEqualTo("{" + WEIRD_LABELS + "}");
        assertThat(value(body, "hotline_methods_called", "")).isEqualTo(CLASSES * METHODS_PER_CLASS + 1);
        assertThat(value(body, "hotline_methods_instrumented", "")).isGreaterThanOrEqualTo(CLASSES * METHODS_PER_CLASS + 1);
        assertThat(body.length()).as("bounded by metricstop, not by the 3,001 methods").isLessThan(200_000);

        HttpResponse<String> open = scrape("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(open.headers().firstValue("Content-Type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.body()).contains("hotline_method_calls_total{" + WEIRD_LABELS + "} ", "# TYPE hotline_method_calls counter\n")
                .endsWith("# EOF\n");
    }

    @Test
    @Order(3)
    void a_real_prometheus_scrapes_the_endpoint_and_answers_a_query_for_a_hotline_series() throws Exception {
        Path prometheus = tool("HOTLINE_PROMETHEUS", "/usr/bin/prometheus");
        Assumptions.assumeTrue(prometheus != null, "no Prometheus installed (apt-get install prometheus)");
        Path dir = Files.createTempDirectory(ChildJvm.WORK.toAbsolutePath(), "prometheus-");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 2s",
                "  scrape_timeout: 2s", // a loaded 2-core machine: the first capture, before the JIT, can take a second
                "scrape_configs:",
                "  - job_name: hotline",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + port + "']",
                ""));
        int webPort = freePort();
        Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + webPort)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String api = "http://127.0.0.1:" + webPort + "/api/v1/";
            // PromQL strings escape as Go's do: the label value as the class file has it comes back
            JsonArray weird = query(api, "hotline_method_calls_total{class=\"weird.Quo\\\"te\\\\Back\"}", dir);
            JsonObject series = weird.get(0).getAsJsonObject();
            assertThat(series.getAsJsonObject("metric").get("class").getAsString()).isEqualTo(WEIRD);
            assertThat(series.getAsJsonObject("metric").get("job").getAsString()).isEqualTo("hotline");
            assertThat(Long.parseLong(series.getAsJsonArray("value").get(1).getAsString())).isPositive();

            // the README's queries, over a shorter window: the methods called most, per second; a p99
            JsonArray top = query(api, "topk(3, rate(hotline_method_calls_total[20s]))", dir);
            assertThat(top).hasSize(3);
            JsonArray quantile = query(api,
                    "histogram_quantile(0.99, rate(hotline_method_latency_seconds_bucket{method=\"m0\"}[20s]))", dir);
            assertThat(quantile).isNotEmpty();

            JsonObject target = get(api + "targets").getAsJsonObject("data").getAsJsonArray("activeTargets").get(0)
                    .getAsJsonObject();
            assertThat(target.get("health").getAsString()).isEqualTo("up");
            assertThat(target.get("lastError").getAsString()).as("what Prometheus made of the OpenMetrics body").isEmpty();
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(4)
    void once_no_call_is_running_each_latency_count_equals_its_call_counter_and_buckets_only_grow() throws Exception {
        try (OutputStream in = workload.getOutputStream()) {
            in.write("idle\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            waitFor(stdout, "idle ");
            Thread.sleep(1_200); // past the endpoint's reuse of the last body

            String body = scrape(null).body();

            long calls = value(body, "hotline_method_calls_total", "{" + WEIRD_LABELS + "}");
            assertThat(calls).isPositive();
            assertThat(value(body, "hotline_method_latency_seconds_count", "{" + WEIRD_LABELS + "}"))
                    .as("timing=exact: every call in the histogram").isEqualTo(calls);
            assertThat(value(body, "hotline_method_latency_seconds_bucket", "{" + WEIRD_LABELS + ",le=\"+Inf\"}"))
                    .isEqualTo(calls);
            long previous = 0;
            for (String le : List.of("1e-07", "1e-06", "1e-05", "0.001", "10.0")) {
                long bucket = value(body, "hotline_method_latency_seconds_bucket", "{" + WEIRD_LABELS + ",le=\"" + le + "\"}");
                assertThat(bucket).as("le=%s", le).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(calls);
                previous = bucket;
            }
            // the calibration may not settle on a loaded machine; its figures are subtracted, and show, either way
            long settled = value(body, "hotline_calibration_settled", "");
            assertThat(settled).isBetween(0L, 1L);
            assertThat(body).contains("hotline_probe_cost_seconds{probe=\"timed_call\"} ");
        }
        // standard input closed: the program ends, with its own status
        assertThat(workload.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(workload.exitValue()).isZero();
        List<String> scrapes = new ArrayList<>();
        for (String line : ChildJvm.withoutJvmCdsWarning(Files.readAllLines(stderr))) {
            assertThat(line).as("only DEBUG and INFO lines").matches("\\[hotline\\] (DEBUG|INFO) .*");
            if (line.contains("metrics scrape: ")) {
                scrapes.add(line);
            }
        }
        assertThat(scrapes).isNotEmpty();
        // the cost of a scrape of 3,001 methods, for the record (not asserted: times depend on the machine)
        scrapes.subList(Math.max(0, scrapes.size() - 5), scrapes.size()).forEach(System.out::println);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void the_endpoint_keeps_no_jvm_alive_and_a_port_in_use_costs_one_line_and_not_the_exit_code(Jdks.Jdk jdk)
            throws Exception {
        String targets = ChildJvm.TARGETS.toAbsolutePath().toString();
        ChildJvm.Result free = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,metrics=127.0.0.1:" + freePort()
                + ",out=" + ChildJvm.dumpPath("metrics-exit"), "-cp", targets, "dev.hotline.it.targets.ExitCodeApp", "1000", "0"), 120);

        assertThat(free.exitCode()).as(free.stderr()).isZero(); // main returned and the JVM ended: no thread of the server kept it
        assertThat(free.stdout()).contains("sum=999000");
        assertThat(ChildJvm.withoutJvmCdsWarning(free.stderrLines())).isEmpty();

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChildJvm.Result busy = ChildJvm.run(ChildJvm.java(jdk, "includes=dev.hotline.it.targets.*,metrics="
                    + taken.getLocalPort() + ",out=" + ChildJvm.dumpPath("metrics-busy"),
                    "-cp", targets, "dev.hotline.it.targets.ExitCodeApp", "1000", "3"), 120);

            assertThat(busy.exitCode()).isEqualTo(3);
            assertThat(busy.stdout()).contains("sum=999000");
            assertThat(ChildJvm.withoutJvmCdsWarning(busy.stderrLines())).singleElement().asString()
                    .startsWith("[hotline] ERROR no metrics endpoint on 127.0.0.1:" + taken.getLocalPort() + ": cannot listen there");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path tool(String env, String standard) {
        String configured = System.getenv(env);
        Path path = Paths.get(configured != null ? configured : standard);
        return Files.isExecutable(path) ? path : null;
    }

    private static void waitFor(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(file).contains(text)) {
            assertThat(workload.isAlive()).as("workload ended early: %s", Files.readString(stderr)).isTrue();
            assertThat(System.nanoTime()).as("'%s' within 90 s; stderr: %s", text, Files.readString(stderr)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static HttpResponse<String> scrape(String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The value of the sample {@code name} with exactly {@code labels} (braces included, or empty). */
    private static long value(String body, String name, String labels) {
        String prefix = name + labels + " ";
        return body.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Long.parseLong(l.substring(prefix.length())))
                .orElseThrow(() -> new AssertionError("no sample " + prefix + "in\n" + body));
    }

    private static JsonObject get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** The result of an instant query, once it is not empty: Prometheus starts, then scrapes every 2 s (at most 60 s). */
    private static JsonArray query(String api, String promql, Path dir) throws Exception {
        String url = api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                JsonObject answer = get(url);
                last = answer.toString();
                JsonArray result = answer.getAsJsonObject("data").getAsJsonArray("result");
                if (!result.isEmpty()) {
                    return result;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no result for " + promql + " within 60 s: " + last + "\nPrometheus' log:\n"
                + Files.readString(dir.resolve("prometheus.log")));
    }
}
