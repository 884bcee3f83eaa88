package dev.larder.network.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.StartupException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport the tests run over is the one the server serves on, and each transport serves. */
class TransportTest {

    @TempDir
    Path dir;

    @Test
    void theServerServesOverTheTransportTheBuildAskedFor() throws Exception {
        String asked = System.getProperty(TestServer.TRANSPORT_PROPERTY, "epoll");
        try (TestServer server = TestServer.start(Map.of("port", "-1", "threads", "1"))) {
            assertThat(server.instance(ConnectionRegistry.class).transport()).isEqualTo(asked);
            setAndGet(server.instance(TcpListener.class).boundAddresses().get(0));
        }
    }

    @Test
    void autoTakesIoUringWhereTheKernelAllowsItElseEpoll() throws Exception {
        String expected = IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
        try (TestServer server = TestServer.start(Map.of("port", "-1", "threads", "1", "transport", "auto"))) {
            assertThat(server.instance(ConnectionRegistry.class).transport()).isEqualTo(expected);
            setAndGet(server.instance(TcpListener.class).boundAddresses().get(0));
        }
    }

    @Test
    void nioServesWhereNoNativeTransportIsWanted() throws Exception {
        try (TestServer server = TestServer.start(Map.of("port", "-1", "threads", "1", "transport", "nio"))) {
            assertThat(server.instance(ConnectionRegistry.class).transport()).isEqualTo("nio");
            setAndGet(server.instance(TcpListener.class).boundAddresses().get(0));
        }
    }

    @Test
    void aUnixSocketServesOverTheNativeTransports() throws Exception {
        Path socket = dir.resolve("larder.sock");
        try (TestServer server = TestServer.start(Map.of("port", "0", "threads", "1",
                "unix_socket", socket.toString()))) {
            assertThat(server.instance(TcpListener.class).boundAddresses()).isEmpty();
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                client.write(ByteBuffer.wrap("set k 0 0 1\r\nv\r\nget k\r\n".getBytes(StandardCharsets.US_ASCII)));
                String expected = "STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n";
                ByteBuffer reply = ByteBuffer.allocate(expected.length());
                while (reply.hasRemaining() && client.read(reply) >= 0) {
                    // until the whole reply is in, or the server closes
                }
                assertThat(new String(reply.array(), StandardCharsets.US_ASCII)).isEqualTo(expected);
            }
        }
    }

    @Test
    void anUnknownTransportStopsTheStartSayingWhatThereIs() {
        assertThatThrownBy(() -> TestServer.start(Map.of("port", "-1", "transport", "kqueue")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("auto, epoll, io_uring or nio");
    }

    private static void setAndGet(InetSocketAddress address) throws Exception {
        try (TextClient client = new TextClient(address)) {
            client.send("set k 0 0 5\r\nhello\r\nget k\r\n");
            assertThat(client.line()).isEqualTo("STORED");
            assertThat(client.line()).isEqualTo("VALUE k 0 5");
            assertThat(client.line()).isEqualTo("hello");
            assertThat(client.line()).isEqualTo("END");
        }
    }
}
