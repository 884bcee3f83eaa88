package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.Eventually;
import dev.larder.kernel.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many clients that never read their replies together hold no more than the
 * server's budget for them (plus a little each), not the high-water mark each;
 * once they read, every reply arrives.
 */
class OutputBudgetTest {

    private static final int CLIENTS = 20;
    private static final int GETS = 2_000;
    private static final int VALUE = 4000;
    private static final long BUDGET = 1024 * 1024;

    static TestServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("port", "-1", "threads", "2", "max_pending_output", String.valueOf(BUDGET)));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void nonReadersTogetherHoldTheBudgetNotTheHighWaterMarkEach() throws Exception {
        List<TextClient> reluctant = new ArrayList<>();
        try (TextClient other = new TextClient(address)) {
            other.send("set four 0 0 " + VALUE + "\r\n" + "f".repeat(VALUE) + "\r\n");
            assertThat(other.line()).isEqualTo("STORED");
            byte[] gets = "get four\r\n".repeat(GETS).getBytes(US_ASCII);
            for (int i = 0; i < CLIENTS; i++) {
                // A small receive buffer, set before connecting so that TCP's window is made for it.
                Socket socket = new Socket();
                socket.setReceiveBufferSize(16 * 1024);
                socket.connect(address);
                TextClient client = new TextClient(socket);
                reluctant.add(client);
                client.send(gets);
            }
            Eventually.waitFor("connections held back by the budget", Duration.ofSeconds(20),
                    () -> other.stat("output_budget_holds") >= CLIENTS / 2);
            long perConnection = OutputBudget.FREE_PER_CONNECTION + 20L * (VALUE + 100);
            assertThat(other.stat("output_pending")).as("response bytes the server holds")
                    .isLessThan(BUDGET + CLIENTS * perConnection)
                    .isLessThan(CLIENTS * 2L * 1024 * 1024 / 4);
            other.send("version\r\n");
            assertThat(other.line()).startsWith("VERSION");

            int reply = ("VALUE four 0 " + VALUE + "\r\n").length() + VALUE + "\r\nEND\r\n".length();
            for (TextClient client : reluctant) {
                client.skip((long) reply * GETS);
            }
            Eventually.waitFor("nothing charged once they have read", Duration.ofSeconds(10),
                    () -> other.stat("pending_output_bytes") == 0);
        } finally {
            for (TextClient client : reluctant) {
                client.close();
            }
        }
    }
}
