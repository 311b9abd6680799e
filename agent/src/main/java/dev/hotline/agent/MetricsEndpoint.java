package dev.hotline.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotline.core.metrics.ExpositionFormat;
import dev.hotline.core.metrics.MetricsExposition;
import dev.hotline.core.options.MetricsAddress;
import dev.hotline.core.profile.Profile;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live metrics endpoint ({@code metrics=HOST:PORT}): the JDK's own HTTP server answering
 * {@code GET /metrics} with a {@link LiveProfile} capture as {@link MetricsExposition} writes it,
 * in the format the scraper's {@code Accept} header asks for. Started and stopped by
 * {@link AgentSession}; without the option this class is never loaded and no port is opened.
 *
 * <p>Cost: one scrape at a time, on one daemon thread ({@code hotline-metrics}); a scrape within
 * {@link #REUSE_NANOS} of the last one gets the same body, so a scraper that polls in a loop costs
 * the program at most one capture a second.
 *
 * <p>Thread-safety: requests run on the one executor thread; {@link #stop} may run on any thread.
 */
final class MetricsEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    /** A scrape this soon after the last capture is answered with the last body. */
    static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;
    private final LiveProfile live;
    private final MetricsExposition exposition;
    private Body last; // only the executor thread touches it
    private String lastFailure;

    private record Body(ExpositionFormat format, byte[] bytes, long nanos) {
    }

    private MetricsEndpoint(HttpServer server, ExecutorService executor, LiveProfile live, MetricsExposition exposition) {
        this.server = server;
        this.executor = executor;
        this.live = live;
        this.exposition = exposition;
    }

    /**
     * Binds {@code address} and starts serving; on any failure (a host that does not resolve or is
     * not this machine's, a port in use, a JVM without the {@code jdk.httpserver} module) logs one
     * ERROR line and returns null: the application runs on without the endpoint.
     */
    static MetricsEndpoint start(MetricsAddress address, LiveProfile live, MetricsExposition exposition) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        // The server's dispatcher thread inherits the daemon status of the thread that starts it: from
        // premain's (the application's main) thread it would keep the JVM alive after main returns.
        Thread starter = new Thread(() -> {
            try {
                outcome.set(bind(address, live, exposition));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "hotline-metrics-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Object result = outcome.get();
        if (result instanceof MetricsEndpoint endpoint) {
            LOG.info("metrics at http://" + hostPort(endpoint.address()) + PATH);
            return endpoint;
        }
        LOG.error("no metrics endpoint on " + address + ": " + reason(result) + "; the application runs on without it");
        return null;
    }

    private static MetricsEndpoint bind(MetricsAddress address, LiveProfile live, MetricsExposition exposition)
            throws IOException {
        InetSocketAddress socket = address.resolve();
        HttpServer server = HttpServer.create(socket, 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "hotline-metrics");
            thread.setDaemon(true);
            return thread;
        });
        MetricsEndpoint endpoint = new MetricsEndpoint(server, executor, live, exposition);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    private static String reason(Object failure) {
        if (failure instanceof java.net.BindException e) {
            return "cannot listen there (" + e.getMessage() + ")";
        }
        if (failure instanceof java.net.UnknownHostException e) {
            return "unknown host " + e.getMessage();
        }
        if (failure instanceof NoClassDefFoundError) {
            return "this JVM has no HTTP server (module jdk.httpserver; add --add-modules jdk.httpserver)";
        }
        return String.valueOf(failure);
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Where the server listens (the port the system chose, for port 0). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Closes the port, lets a scrape under way finish (at most {@code waitMillis}) and ends the
     * server's threads. Never throws.
     */
    void stop(long waitMillis) {
        try {
            server.stop(0);
        } catch (RuntimeException e) {
            LOG.debug("stopping the metrics endpoint: " + e);
        }
        executor.shutdown();
        try {
            executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "hotline serves " + PATH + " only\n");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "GET " + PATH + "\n");
                return;
            }
            ExpositionFormat format = ExpositionFormat.negotiate(exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body;
            try {
                body = body(format);
            } catch (RuntimeException | IOException | OutOfMemoryError | StackOverflowError e) {
                failed(e);
                send(exchange, 500, "text/plain; charset=utf-8", "hotline could not read its data: " + e + "\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", format.contentType());
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private byte[] body(ExpositionFormat format) throws IOException {
        long now = System.nanoTime();
        if (last != null && last.format == format && now - last.nanos < REUSE_NANOS) {
            return last.bytes;
        }
        boolean debug = LOG.isDebugEnabled();
        long allocatedBefore = debug ? allocatedBytes() : 0;
        Profile profile = live.captureMethods(System.currentTimeMillis(), exposition::shown);
        long captured = System.nanoTime();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 16 * 1024);
        exposition.write(profile, format, out);
        last = new Body(format, bytes.toByteArray(), now);
        lastFailure = null;
        if (debug) {
            long allocated = allocatedBytes() - allocatedBefore;
            LOG.debug(String.format(Locale.ROOT, "metrics scrape: capture %.1f ms, exposition %.1f ms, %.1f MB allocated, "
                    + "%d methods in the profile, body %d bytes (%s)", (captured - now) / 1e6,
                    (System.nanoTime() - captured) / 1e6, allocated / 1e6, profile.methods().size(), last.bytes.length,
                    format));
        }
        return last.bytes;
    }

    /** Bytes this thread allocated so far (HotSpot's counter), for the DEBUG line of a scrape; 0 where unknown. */
    private static long allocatedBytes() {
        try {
            return java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    ? bean.getCurrentThreadAllocatedBytes() : 0;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** One WARN line per kind of failure in a row, as the dump does: a scraper retries every few seconds. */
    private void failed(Throwable t) {
        String failure = t.getClass().getName();
        if (!failure.equals(lastFailure)) {
            LOG.warn("a metrics scrape failed: " + t);
        }
        lastFailure = failure;
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
