package dev.hotline.bench.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The real-server workload: an embedded Jetty 12 serving a small page on loopback, and a load
 * generator in the same JVM (its own package, which the agent is not told to time, so only the
 * server side carries probes): {@code --connections} keep-alive HTTP/1.1 connections, each a thread
 * sending a request as soon as the previous response is read, for {@code --warmup} seconds unmeasured,
 * then {@code --seconds} measured. Prints one line:
 * {@code server requests_per_s=12345.6 p50_us=... p99_us=... requests=... errors=0 page_bytes=171}.
 *
 * <p>Compiled by benchmarks/run against the Jetty jars it fetches (not by the Maven build, so the
 * module needs no Jetty to compile offline).
 */
public final class JettyUnderLoad {

    private static final byte[] PAGE = ("<!doctype html><html><head><title>hotline</title></head><body><h1>Hello"
            + "</h1><p>A small page, served by an embedded Jetty to a load generator on loopback.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private JettyUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int connections = 8;
        double warmup = 5;
        double seconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, PAGE.length);
                response.write(true, ByteBuffer.wrap(PAGE), callback);
                return true;
            }
        });
        server.start();
        try {
            int port = connector.getLocalPort();
            run(port, connections, warmup, false);
            run(port, connections, seconds, true);
        } finally {
            server.stop();
        }
    }

    private static void run(int port, int connections, double seconds, boolean report) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            clients.add(new Client(port, stop));
        }
        long start = System.nanoTime();
        clients.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Client c : clients) {
            c.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!report) {
            return;
        }
        long requests = 0;
        long errors = 0;
        int n = 0;
        for (Client c : clients) {
            requests += c.count;
            errors += c.errors;
            n += c.count;
        }
        long[] all = new long[n];
        int k = 0;
        for (Client c : clients) {
            System.arraycopy(c.latencies, 0, all, k, c.count);
            k += c.count;
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "server requests_per_s=%.1f p50_us=%.1f p99_us=%.1f requests=%d errors=%d "
                + "page_bytes=%d%n", requests / elapsed, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3,
                requests, errors, PAGE.length);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    /** One keep-alive connection: a request, its whole response, the next request. */
    private static final class Client extends Thread {

        private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        private final int port;
        private final AtomicBoolean stop;
        long[] latencies = new long[1 << 16];
        int count;
        long errors;

        Client(int port, AtomicBoolean stop) {
            super("load");
            this.port = port;
            this.stop = stop;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", port));
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        out.write(REQUEST);
                        out.flush();
                        readResponse(in);
                        record(System.nanoTime() - t0);
                    }
                } catch (IOException e) {
                    errors++;
                }
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * count);
            }
            latencies[count++] = nanos;
        }

        /** Reads the status line and headers, then Content-Length bytes of body. */
        private static void readResponse(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int length = -1;
            boolean ok = false;
            boolean first = true;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c == '\n') {
                    String header = line.toString().trim();
                    line.setLength(0);
                    if (header.isEmpty()) {
                        break;
                    }
                    if (first) {
                        ok = header.contains(" 200 ");
                        first = false;
                    } else if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                } else {
                    line.append((char) c);
                }
            }
            if (!ok || length < 0) {
                throw new IOException("unexpected response");
            }
            for (int i = 0; i < length; i++) {
                if (in.read() < 0) {
                    throw new IOException("short body");
                }
            }
        }
    }
}
