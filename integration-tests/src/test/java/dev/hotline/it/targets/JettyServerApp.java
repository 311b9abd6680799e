package dev.hotline.it.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An embedded Jetty 12 serving a small page on loopback until its standard input closes. Prints
 * "port=N" once it listens; about twice a second, "heap served=N used=BYTES": the requests served so far
 * and the heap in use right after a full collection (the least of three, 100 ms apart); and when stdin closes, the server stops and
 * it prints "served=N", the requests the handler completed.
 */
public final class JettyServerApp {

    private static final byte[] PAGE = ("<!doctype html><html><head><title>hotline</title></head><body>"
            + "<h1>Hello</h1><p>A small page from an embedded Jetty.</p></body></html>").getBytes(StandardCharsets.UTF_8);

    /** The application's handler: what a user would time beside Jetty's own packages. */
    public static final class PageHandler extends Handler.Abstract.NonBlocking {
        final AtomicLong served = new AtomicLong();

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, PAGE.length);
            response.write(true, ByteBuffer.wrap(PAGE), callback);
            served.incrementAndGet();
            return true;
        }
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        PageHandler handler = new PageHandler();
        server.setHandler(handler);
        server.start();
        System.out.println("port=" + connector.getLocalPort());
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            try {
                while (true) {
                    Thread.sleep(300);
                    long used = Long.MAX_VALUE;
                    for (int gc = 0; gc < 3; gc++) { // the least of three: a dump being written holds garbage-to-be
                        System.gc();
                        used = Math.min(used, rt.totalMemory() - rt.freeMemory());
                        Thread.sleep(100);
                    }
                    System.out.println("heap served=" + handler.served.get() + " used=" + used);
                }
            } catch (InterruptedException stop) {
                // the server is stopping
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // runs until stdin closes
            }
        }
        sampler.interrupt();
        server.stop();
        System.out.println("served=" + handler.served.get());
    }
}
