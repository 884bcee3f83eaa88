package dev.larder.protocol.memcached;

import dev.larder.protocol.memcached.binary.BinarySessionFactory;
import dev.larder.protocol.memcached.text.TextSessionFactory;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Picks a connection's protocol from its first byte, as memcached does: the
 * binary request magic (0x80) means binary, anything else text.
 */
@Singleton
public final class ProtocolDetection implements ProtocolSessionFactory {

    private static final int BINARY_MAGIC = 0x80;

    private final TextSessionFactory text;
    private final BinarySessionFactory binary;

    @Inject
    ProtocolDetection(TextSessionFactory text, BinarySessionFactory binary) {
        this.text = text;
        this.binary = binary;
    }

    @Override
    public ProtocolSession open(Connection connection) {
        return new Undecided();
    }

    /** A session that becomes text or binary when the first byte arrives. */
    private final class Undecided implements ProtocolSession {
        private ProtocolSession decided;

        @Override
        public Outcome serveOne(Connection connection) {
            if (decided == null) {
                if (!connection.input().isReadable()) {
                    return Outcome.NEEDS_INPUT;
                }
                int first = connection.input().getUnsignedByte(connection.input().readerIndex());
                decided = first == BINARY_MAGIC ? binary.open(connection) : text.open(connection);
            }
            return decided.serveOne(connection);
        }

        @Override
        public String protocolName() {
            return decided == null ? "undecided" : decided.protocolName();
        }

        @Override
        public void closed() {
            if (decided != null) {
                decided.closed();
            }
        }
    }
}
