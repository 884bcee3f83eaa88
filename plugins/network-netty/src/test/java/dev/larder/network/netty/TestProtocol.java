package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import java.util.function.Function;

/** A protocol for the network's tests: sessions from a function, memcached's words at the connection limit. */
record TestProtocol(Function<Connection, ProtocolSession> sessions) implements ProtocolSessionFactory {

    static final String TOO_MANY = "ERROR Too many open connections\r\n";

    @Override
    public ProtocolSession open(Connection connection) {
        return sessions.apply(connection);
    }

    @Override
    public byte[] tooManyConnections() {
        return TOO_MANY.getBytes(US_ASCII);
    }
}
