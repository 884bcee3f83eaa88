package dev.larder.network.netty;

import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Socket addresses as memcached writes them: host:port, [v6]:port, unix:path. */
final class Addresses {

    private Addresses() {
    }

    static String describe(SocketAddress address) {
        if (address instanceof DomainSocketAddress unix) {
            return "unix:" + unix.path();
        }
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
