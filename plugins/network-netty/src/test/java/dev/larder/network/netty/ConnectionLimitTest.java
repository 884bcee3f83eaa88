package dev.larder.network.netty;

import dev.larder.kernel.testing.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** -c: beyond the limit, memcached's refusal and a close; the connections already open go on. */
class ConnectionLimitTest {

    static TestServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("port", "-1", "max_connections", "2"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConnectionBeyondTheLimitIsToldAndClosedAndCounted() throws Exception {
        try (TextClient first = new TextClient(address)) {
            first.send("set kept 0 0 1\r\nk\r\n");
            assertThat(first.line()).isEqualTo("STORED");
            try (TextClient second = new TextClient(address)) {
                second.send("version\r\n");
                assertThat(second.line()).startsWith("VERSION");
                try (TextClient third = new TextClient(address)) {
                    assertThat(third.line()).isEqualTo("ERROR Too many open connections");
                    assertThat(third.closedByServer()).isTrue();
                }
                Map<String, String> stats = first.stats();
                assertThat(stats).containsEntry("rejected_connections", "1")
                        .containsEntry("curr_connections", "2").containsEntry("max_connections", "2");
            }
            Eventually.waitFor("the second connection's place to be free", Duration.ofSeconds(10),
                    () -> first.stat("curr_connections") == 1);
            try (TextClient again = new TextClient(address)) {
                again.send("get kept\r\n");
                assertThat(again.line()).isEqualTo("VALUE kept 0 1");
            }
        }
    }
}
