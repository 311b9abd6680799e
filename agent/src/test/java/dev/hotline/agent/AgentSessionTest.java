package dev.hotline.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.targets.Greeter;
import java.lang.instrument.ClassFileTransformer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts sessions in the test JVM against a {@link RecordingInstrumentation}: the transformer is
 * registered there, not in the JVM, so no class of the test JVM is instrumented.
 */
class AgentSessionTest {

    @TempDir
    Path dir;

    private final List<AgentSession> started = new ArrayList<>();

    private AgentSession start(RecordingInstrumentation instrumentation, String options, boolean attached) {
        String raw = "out=" + dumpFile() + (options.isEmpty() ? "" : "," + options);
        AgentSession session = AgentSession.start(raw, instrumentation, attached);
        started.add(session);
        return session;
    }

    private Path dumpFile() {
        return dir.resolve("run.hotline");
    }

    @AfterEach
    void stopEverySession() {
        started.forEach(s -> s.stop(AgentSession.FinalDump.SKIP));
    }

    private static List<Thread> alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }

    @Test
    void start_registers_one_transformer_that_takes_part_in_retransformation_and_stop_removes_it() {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation();
        AgentSession session = start(instrumentation, "", false);

        assertThat(instrumentation.registered).singleElement().satisfies(r -> {
            assertThat(r.transformer()).isInstanceOf(ProbeTransformer.class);
            assertThat(r.canRetransform()).isTrue();
        });
        ClassFileTransformer transformer = instrumentation.transformer();

        session.stop(AgentSession.FinalDump.SKIP);

        assertThat(instrumentation.registered).isEmpty();
        assertThat(instrumentation.removeCalls).containsExactly(transformer);
        assertThat(instrumentation.retransformed).isEmpty();
    }

    @Test
    void stop_ends_the_sweeper_and_the_flush_thread_and_removes_the_shutdown_hook() {
        AgentSession session = start(new RecordingInstrumentation(), "interval=10ms", false);
        assertThat(alive("hotline-sweeper")).hasSize(1);
        assertThat(alive("hotline-flush")).hasSize(1);

        session.stop(AgentSession.FinalDump.SKIP);

        assertThat(alive("hotline-sweeper")).as("joined").isEmpty();
        assertThat(alive("hotline-flush")).as("joined").isEmpty();
        assertThat(Runtime.getRuntime().removeShutdownHook(session.shutdownHook())).as("hook still registered").isFalse();
    }

    @Test
    void the_shutdown_hook_is_registered_from_start_until_stop() {
        AgentSession session = start(new RecordingInstrumentation(), "", false);

        assertThat(Runtime.getRuntime().removeShutdownHook(session.shutdownHook())).isTrue();
    }

    @Test
    void stop_writes_a_final_dump_only_when_asked() throws Exception {
        start(new RecordingInstrumentation(), "", false).stop(AgentSession.FinalDump.SKIP);
        assertThat(dumpFile()).doesNotExist();

        start(new RecordingInstrumentation(), "", false).stop(AgentSession.FinalDump.WRITE);
        Profile dump = DumpReader.read(dumpFile());
        assertThat(dump.session()).containsEntry(SessionKeys.AGENT_OPTIONS, "out=" + dumpFile())
                .as("the warm-up registers no probe of the session's").containsEntry(SessionKeys.METHOD_PROBES, "0");
    }

    @Test
    void stop_is_idempotent() throws Exception {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation();
        AgentSession session = start(instrumentation, "", false);
        session.stop(AgentSession.FinalDump.WRITE);
        Files.delete(dumpFile());

        session.stop(AgentSession.FinalDump.WRITE);
        session.stop(AgentSession.FinalDump.SKIP);

        assertThat(dumpFile()).as("no second final dump").doesNotExist();
        assertThat(instrumentation.removeCalls).hasSize(1);
    }

    @Test
    void the_final_dump_counts_what_the_registered_transformer_instrumented() throws Exception {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation();
        AgentSession session = start(instrumentation, "", false);
        byte[] instrumented = instrumentation.transformer().transform(Greeter.class.getClassLoader(),
                ClassFiles.internalName(Greeter.class), null, null, ClassFiles.of(Greeter.class));
        assertThat(instrumented).isNotNull();

        session.stop(AgentSession.FinalDump.WRITE);

        assertThat(DumpReader.read(dumpFile()).session()).containsEntry(SessionKeys.CLASSES_INSTRUMENTED, "1")
                .containsEntry(SessionKeys.METHOD_PROBES, "2");
    }

    @Test
    void the_shutdown_hook_stops_the_session_and_writes_the_dump() throws Exception {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation();
        AgentSession session = start(instrumentation, "interval=10ms", false);
        Thread hook = session.shutdownHook();
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue(); // run it here, not at the JVM's exit

        hook.start();
        hook.join();

        assertThat(DumpReader.read(dumpFile()).intervals()).isNotEmpty();
        assertThat(instrumentation.registered).isEmpty();
        assertThat(alive("hotline-sweeper")).isEmpty();
        assertThat(alive("hotline-flush")).isEmpty();
    }

    @Test
    void on_attach_the_loaded_classes_the_options_select_are_retransformed() {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation(
                Greeter.class, String.class, AgentSessionTest.class, int[].class);

        start(instrumentation, "", true);

        assertThat(instrumentation.retransformed).containsExactly(Greeter.class);
    }

    private static HttpResponse<String> request(InetSocketAddress address, String method, String path, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void with_metrics_the_session_serves_both_formats_until_stop_closes_the_port() throws Exception {
        AgentSession session = start(new RecordingInstrumentation(), "metrics=127.0.0.1:0", false);
        InetSocketAddress address = session.metricsAddress();
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(alive("hotline-metrics")).isEmpty(); // made on the first request

        HttpResponse<String> text = request(address, "GET", "/metrics", null);
        HttpResponse<String> open = request(address, "GET", "/metrics", "application/openmetrics-text;version=1.0.0");

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body()).contains("# TYPE hotline_overhead_seconds_total counter").doesNotContain("# EOF");
        assertThat(open.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.body()).contains("# TYPE hotline_overhead_seconds counter").endsWith("# EOF\n");
        assertThat(request(address, "GET", "/", null).statusCode()).isEqualTo(404);
        assertThat(request(address, "GET", "/metricsx", null).statusCode()).isEqualTo(404);
        assertThat(request(address, "POST", "/metrics", null).statusCode()).isEqualTo(405);
        assertThat(request(address, "HEAD", "/metrics", null).statusCode()).isEqualTo(200);
        assertThat(alive("hotline-metrics")).allMatch(Thread::isDaemon).hasSize(1);

        session.stop(AgentSession.FinalDump.SKIP);

        assertThat(session.metricsAddress()).isNull();
        assertThat(alive("hotline-metrics")).as("joined").isEmpty();
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void a_port_in_use_costs_one_error_line_and_the_session_runs_on_without_the_endpoint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RecordingInstrumentation instrumentation = new RecordingInstrumentation();
            AgentSession[] session = new AgentSession[1];

            String err = Stderr.of(() -> session[0] = start(instrumentation, "metrics=" + taken.getLocalPort(), false));

            assertThat(err.lines()).singleElement().asString()
                    .startsWith("[hotline] ERROR no metrics endpoint on 127.0.0.1:" + taken.getLocalPort() + ": cannot listen there")
                    .endsWith("; the application runs on without it");
            assertThat(session[0].metricsAddress()).isNull();
            assertThat(instrumentation.registered).hasSize(1);
        }
    }

    @Test
    void a_host_that_does_not_resolve_costs_one_error_line() {
        String err = Stderr.of(() -> start(new RecordingInstrumentation(), "metrics=no-such-host.invalid:9464", false));

        assertThat(err.lines()).singleElement().asString()
                .startsWith("[hotline] ERROR no metrics endpoint on no-such-host.invalid:9464: unknown host");
    }

    @Test
    void without_metrics_there_is_no_endpoint() {
        AgentSession session = start(new RecordingInstrumentation(), "", false);

        assertThat(session.metricsAddress()).isNull();
        assertThat(alive("hotline-metrics")).isEmpty();
    }


    @Test
    void detach_removes_the_transformer_and_retransforms_the_selected_classes_back() {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation(
                Greeter.class, String.class, AgentSessionTest.class, int[].class);
        AgentSession session = start(instrumentation, "", true);
        ClassFileTransformer transformer = instrumentation.transformer();
        instrumentation.retransformed.clear();

        session.stop(AgentSession.FinalDump.SKIP, true);

        assertThat(instrumentation.registered).isEmpty();
        assertThat(instrumentation.removeCalls).contains(transformer);
        assertThat(instrumentation.retransformed).as("retransformed without the probes").containsExactly(Greeter.class);
    }

    @Test
    void detaching_a_session_started_with_javaagent_also_retransforms_the_selected_classes_back() {
        RecordingInstrumentation instrumentation = new RecordingInstrumentation(Greeter.class, String.class);
        AgentSession session = start(instrumentation, "", false);
        assertThat(instrumentation.retransformed).as("-javaagent retransforms nothing").isEmpty();

        session.stop(AgentSession.FinalDump.SKIP, true);

        assertThat(instrumentation.registered).as("the probes and the restoring transformer removed").isEmpty();
        assertThat(instrumentation.retransformed).containsExactly(Greeter.class);
    }
}
