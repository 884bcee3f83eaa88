package dev.larder.spi.net;

/** Bound by the protocol plugin, used by the network plugin for every new connection. */
public interface ProtocolSessionFactory {

    ProtocolSession open(Connection connection);

    /**
     * What a connection refused at the connection limit is told before it is closed, in the protocol's
     * words; it has sent nothing yet, so the protocol cannot know which of its dialects it would speak.
     */
    byte[] tooManyConnections();
}
