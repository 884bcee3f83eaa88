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
    };

    NetworkTotals totals();

    /** The open connections, oldest first. */
    List<ConnectionInfo> connections();

    /** The TLS engine in use ("OpenSSL (...)" or "JDK"), or "off". */
    default String tlsProvider() {
        return "off";
    }

    /** Closes the connection with this id; false when there is none. */
    boolean close(long connectionId);
}
