package dev.larder.admin;

import dev.larder.admin.auth.PasswordHash;
import dev.larder.kernel.testing.TestServer;
import dev.larder.network.netty.TcpListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** The whole server in-process with its console on a free port and a known password. */
final class ConsoleServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";

    final TestServer server;
    final String base;
    final InetSocketAddress memcached;

    ConsoleServer() throws IOException {
        this(Map.of());
    }

    /** With these settings beside the defaults above. */
    ConsoleServer(Map<String, String> extra) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("port", "-1", "threads", "2",
                "admin_port", String.valueOf(freePort()), "admin.password", PasswordHash.hash(PASSWORD.toCharArray())));
        settings.putAll(extra);
        server = TestServer.start(settings);
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
