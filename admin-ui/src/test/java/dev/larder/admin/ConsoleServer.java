package dev.larder.admin;

import dev.larder.admin.auth.PasswordHash;
import dev.larder.kernel.testing.TestServer;
import dev.larder.network.netty.TcpListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/** The whole server in-process with its console on a free port and a known password. */
final class ConsoleServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";

    final TestServer server;
    final String base;
    final InetSocketAddress memcached;

    ConsoleServer() throws IOException {
        server = TestServer.start(Map.of("port", "0", "threads", "2", "admin_port", String.valueOf(freePort()),
                "admin.password", PasswordHash.hash(PASSWORD.toCharArray())));
        base = "http://127.0.0.1:" + server.instance(AdminServer.class).boundAddress().getPort();
        memcached = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
