package dev.larder.network.netty;

import dev.larder.spi.StartupException;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the server listens, read as memcached reads {@code -l} and {@code -s}:
 * addresses separated by commas, each {@code ADDR}, {@code ADDR:PORT} or
 * {@code [IPV6]:PORT}, with {@code notls:} in front for one that stays plain
 * while TLS is on; or, with a Unix socket, that socket alone.
 */
record Endpoints(List<Endpoint> all, List<InetSocketAddress> udp) {

    /** One listener: its address, and whether its connections speak TLS. */
    record Endpoint(SocketAddress address, boolean tls) {
    }

    /**
     * @param listen      the {@code listen} setting
     * @param port        the default port ({@code -p}): -1 picks a free one, 0 listens on no TCP port, as memcached
     * @param tlsEverywhere TLS on every listener but those marked {@code notls:} ({@code -Z} without a TLS port)
     * @param tlsPort     a TLS listener beside each plain one on this port, or 0
     * @param unixSocket  a Unix socket path ({@code -s}), or empty: then it alone is listened on
     * @param udpPort     memcached's UDP port ({@code -U}) on the same addresses: -1 a free one, 0 none
     */
    static Endpoints of(String listen, int port, boolean tlsEverywhere, int tlsPort, String unixSocket, int udpPort) {
        List<Endpoint> endpoints = new ArrayList<>();
        List<InetSocketAddress> udp = new ArrayList<>();
        if (!unixSocket.isEmpty()) {
            endpoints.add(new Endpoint(new DomainSocketAddress(unixSocket), false));
            return new Endpoints(endpoints, udp);
        }
        for (String entry : listen.split("[,;]")) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            boolean tls = tlsEverywhere;
            if (text.startsWith("notls:")) {
                tls = false;
                text = text.substring("notls:".length());
            }
            String host = text;
            int entryPort = port < 0 ? 0 : port;
            int close = text.indexOf(']');
            int colon = text.lastIndexOf(':');
            if (text.startsWith("[")) {
                if (close < 0) {
                    throw new StartupException("Cannot listen on '" + entry + "': no closing ] in the IPv6 address");
                }
                host = text.substring(1, close);
                entryPort = close + 1 < text.length() ? portOf(entry, text.substring(close + 2)) : entryPort;
            } else if (colon >= 0 && text.indexOf(':') == colon) {
                host = text.substring(0, colon);
                entryPort = portOf(entry, text.substring(colon + 1));
            }
            if (port != 0 || entryPort != 0) {
                endpoints.add(new Endpoint(new InetSocketAddress(host, entryPort), tls));
            }
            if (tlsPort > 0) {
                endpoints.add(new Endpoint(new InetSocketAddress(host, tlsPort), true));
            }
            InetSocketAddress udpAddress = new InetSocketAddress(host, udpPort < 0 ? 0 : udpPort);
            if (udpPort != 0 && !udp.contains(udpAddress)) { // one UDP socket per address, however many TCP ports
                udp.add(udpAddress);
            }
        }
        return new Endpoints(endpoints, udp);
    }

    private static int portOf(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new StartupException("Cannot listen on '" + entry + "': '" + text + "' is not a port");
    }
}
