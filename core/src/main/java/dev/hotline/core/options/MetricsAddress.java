package dev.hotline.core.options;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the metrics endpoint listens, as {@code metrics=} gives it: {@code PORT}, {@code :PORT},
 * {@code HOST:PORT} or {@code [IPv6]:PORT}. Without a host it is the loopback address, so nothing
 * outside the machine can reach it unless the user names another address. Port 0 lets the system
 * choose a free one.
 *
 * @param host the host as given (brackets of an IPv6 literal removed), or null for the loopback address
 */
public record MetricsAddress(String host, int port) {

    /** The address of {@code text}, or null if it is not one (no port, a port out of range, spaces). */
    public static MetricsAddress parse(String text) {
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 2) {
                return null;
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            host = colon < 0 ? "" : t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.contains(":")) {
                return null; // an IPv6 address needs its brackets, or the port is ambiguous
            }
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535 || host.matches(".*[\\s/\\[\\]@].*")) {
            return null;
        }
        return new MetricsAddress(host.isEmpty() ? null : host, Integer.parseInt(port));
    }

    /** The socket address to bind: the named host resolved (which may ask the name service), or the loopback address. */
    public InetSocketAddress resolve() throws UnknownHostException {
        InetAddress address = host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String h = host == null ? InetAddress.getLoopbackAddress().getHostAddress() : host;
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
}
