package dev.larder.spi.net;

/** Bound by the protocol plugin, used by the network plugin for every new connection. */
@FunctionalInterface
public interface ProtocolSessionFactory {

    ProtocolSession open(Connection connection);
}
