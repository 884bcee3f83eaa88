package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three plugins wired by the kernel, talked to over a real socket. */
class EndToEndTest {

    static TestServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("port", "-1", "threads", "2"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void setThenGetOverTcp() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "set e2e 5 0 5\r\nhello\r\nget e2e\r\n");
            assertThat(readExactly(socket, "STORED\r\nVALUE e2e 5 5\r\nhello\r\nEND\r\n".length()))
                    .isEqualTo("STORED\r\nVALUE e2e 5 5\r\nhello\r\nEND\r\n");
        }
    }

    @Test
    void aLongPipelineIsAnsweredInFullAndInOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String value = "v" + i;
            requests.append("set p").append(i).append(" 0 0 ").append(value.length()).append("\r\n")
                    .append(value).append("\r\n").append("get p").append(i).append("\r\n");
            expected.append("STORED\r\nVALUE p").append(i).append(" 0 ").append(value.length()).append("\r\n")
                    .append(value).append("\r\nEND\r\n");
        }
        try (Socket socket = connect()) {
            send(socket, requests.toString());
            assertThat(readExactly(socket, expected.length())).isEqualTo(expected.toString());
        }
    }

    @Test
    void oneClientQuittingLeavesOthersServed() throws IOException {
        try (Socket quitter = connect(); Socket other = connect()) {
            send(quitter, "quit\r\n");
            assertThat(quitter.getInputStream().read()).isEqualTo(-1);
            send(other, "version\r\n");
            assertThat(readExactly(other, 8)).startsWith("VERSION ");
        }
    }

    @Test
    void eachResponseIsOneReservationAndLargeValuesAreNotCopied() throws Exception {
        ConnectionRegistry buffers = server.instance(ConnectionRegistry.class);
        String large = "L".repeat(10_000);
        try (TextClient client = new TextClient(address)) {
            client.send("set large 0 0 10000\r\n" + large + "\r\nset small 0 0 5\r\nsmall\r\n");
            assertThat(client.line()).isEqualTo("STORED");
            assertThat(client.line()).isEqualTo("STORED");
            long reservations = buffers.getReservations();
            long copied = buffers.getBytesCopied();
            long byReference = buffers.getBytesByReference();

            client.send("get large\r\n".repeat(100));
            for (int i = 0; i < 100; i++) {
                assertThat(client.line()).isEqualTo("VALUE large 0 10000");
                assertThat(new String(client.exactly(10_007), US_ASCII)).isEqualTo(large + "\r\nEND\r\n");
            }
            assertThat(buffers.getReservations() - reservations).isEqualTo(100);
            assertThat(buffers.getBytesCopied() - copied).isZero();
            assertThat(buffers.getBytesByReference() - byReference).isEqualTo(100L * (10_000 + 7));

            client.send("get small\r\n");
            assertThat(client.line()).isEqualTo("VALUE small 0 5");
            assertThat(client.line()).isEqualTo("small");
            assertThat(client.line()).isEqualTo("END");
            assertThat(buffers.getReservations() - reservations).isEqualTo(101);
            assertThat(buffers.getBytesCopied() - copied).isEqualTo(5);
        }
    }

    @Test
    void statsShowTheConnectionsAndStatsConnsListsThem() throws Exception {
        try (TextClient client = new TextClient(address); TextClient other = new TextClient(address)) {
            other.send("version\r\n");
            other.line();
            Map<String, String> stats = client.stats();
            assertThat(Long.parseLong(stats.get("curr_connections"))).isGreaterThanOrEqualTo(2);
            assertThat(Long.parseLong(stats.get("bytes_read"))).isPositive();
            assertThat(stats).containsKeys("total_connections", "conn_yields", "bytes_written");
            assertThat(client.larderStats()).containsKeys("idle_kicks", "response_reservations", "send_bytes_copied",
                    "pooled_direct_bytes");
            client.send("stats conns\r\n");
            String local = client.socket().getLocalPort() + "";
            boolean listed = false;
            String line;
            while (!(line = client.line()).equals("END")) {
                assertThat(line).matches("STAT \\d+:(addr|listen_addr|state|secs_since_last_cmd) .+");
                listed |= line.contains(":addr tcp:127.0.0.1:" + local);
            }
            assertThat(listed).isTrue();
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(US_ASCII));
        out.flush();
    }

    private static String readExactly(Socket socket, int length) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, US_ASCII);
    }
}
