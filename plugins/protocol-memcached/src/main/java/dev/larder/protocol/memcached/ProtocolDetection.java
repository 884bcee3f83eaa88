package dev.larder.protocol.memcached;

import dev.larder.protocol.memcached.binary.BinarySessionFactory;
import dev.larder.protocol.memcached.text.TextSessionFactory;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import dev.larder.spi.Settings;
import dev.larder.spi.StartupException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * Picks a connection's protocol from its first byte, as memcached does: the
 * binary request magic (0x80) means binary, anything else text; unless one
 * protocol is bound ({@code -B ascii} or {@code -B binary}), which every
 * connection then speaks.
 */
@Singleton
public final class ProtocolDetection implements ProtocolSessionFactory {

    private static final int BINARY_MAGIC = 0x80;
    private static final byte[] TOO_MANY_CONNECTIONS = "ERROR Too many open connections\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final TextSessionFactory text;
    private final BinarySessionFactory binary;
    private final String binding;

    @Inject
    ProtocolDetection(TextSessionFactory text, BinarySessionFactory binary, Settings settings) {
        this.text = text;
        this.binary = binary;
        this.binding = settings.get(ProtocolSettings.BINDING_PROTOCOL);
        if (!binding.equals("auto") && !binding.equals("ascii") && !binding.equals("binary")) {
            // memcached's words for it
            throw new StartupException("Invalid value for binding protocol: " + binding
                    + " -- should be one of auto, binary, or ascii");
        }
    }

    @Override
    public byte[] tooManyConnections() {
        // memcached's words when it is full, in plain text whatever the connection would have spoken.
        return TOO_MANY_CONNECTIONS.clone();
    }

    @Override
    public ProtocolSession open(Connection connection) {
        return switch (binding) {
            case "ascii" -> text.open(connection);
            case "binary" -> binary.open(connection);
            default -> new Undecided();
        };
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
        public String state() {
            return decided == null ? "conn_new_cmd" : decided.state();
        }

        @Override
        public void closed() {
            if (decided != null) {
                decided.closed();
            }
        }
    }
}
