package dev.larder.spi.net;

import java.util.List;

/**
 * What the network layer knows of its connections, for {@code stats},
 * {@code stats conns}, the admin console and JMX. Bound by the network plugin.
 */
public interface NetworkStatistics {

    /** A network that has none, for tests of other plugins. */
    NetworkStatistics NONE = new NetworkStatistics() {
        @Override
        public NetworkTotals totals() {
            return NetworkTotals.EMPTY;
        }

        @Override
        public List<ConnectionInfo> connections() {
            return List.of();
        }

        @Override
        public boolean close(long connectionId) {
            return false;
        }

        @Override
        public List<String> listeners() {
            return List.of();
        }

        @Override
        public TlsFigures tls() {
            return TlsFigures.OFF;
        }

        @Override
        public String transport() {
            return "none";
        }
    };

    NetworkTotals totals();

    /** The open connections, oldest first. */
    List<ConnectionInfo> connections();

    /** The TLS engine in use and its figures; {@link TlsFigures#OFF} without TLS. */
    TlsFigures tls();

    /** The I/O transport in use: epoll, io_uring or nio (what transport=auto chose). */
    String transport();

    /** Closes the connection with this id; false when there is none. */
    boolean close(long connectionId);

    /** What it listens on, as memcached's {@code stats conns} says it: tcp:ADDR:PORT, unix:PATH. */
    List<String> listeners();
}
