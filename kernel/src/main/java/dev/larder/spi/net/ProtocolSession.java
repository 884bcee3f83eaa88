package dev.larder.spi.net;

/**
 * A protocol's state for one connection. The network layer calls
 * {@link #serveOne} for as long as it decides to serve (all that was read, or
 * a fair share of it), so the protocol never loops over the input by itself.
 */
public interface ProtocolSession {

    /** Parses and serves at most one request from {@link Connection#input()}. */
    Outcome serveOne(Connection connection);

    /** The protocol spoken, for statistics: for example "text", or "undecided" before the first byte. */
    default String protocolName() {
        return "unknown";
    }

    /**
     * What the session is doing, in memcached's words for {@code stats conns}:
     * conn_nread while a value arrives, conn_parse_cmd otherwise.
     */
    default String state() {
        return "conn_parse_cmd";
    }

    /** The connection has closed; free what the session holds. */
    default void closed() {
    }

    /** What serving one request came to. */
    enum Outcome {
        /** A request was consumed (and answered, unless it asked for no reply). */
        SERVED,
        /** The input holds no whole request yet; call again when more arrives. */
        NEEDS_INPUT,
        /**
         * Part of a request was answered (a multi-get of many keys) and the rest is
         * to come: call again, once the connection's limits (pending output, fair
         * share) let it go on. The request stays at the head of the input.
         */
        MORE,
        /** The connection must close once its output is written. */
        CLOSE
    }
}
