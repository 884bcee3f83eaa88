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
        server = TestServer.start(Map.of("port", "0", "threads", "2"));
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
