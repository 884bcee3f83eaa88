package dev.larder.network.netty;

import dev.larder.kernel.testing.Eventually;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.net.BufferStatsMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event loop's shared read and write buffers: every connection on one loop
 * keeps its own bytes, and responses of any size go out whole and in order.
 * One loop, so all connections share the buffers. (A client too slow for one
 * write is in {@link BackPressureTest}.)
 */
class ScratchBuffersTest {

    static TestServer server;
    static InetSocketAddress address;
    static BufferStatsMXBean buffers;

    @BeforeAll
    static void start() throws Exception {
        // Values up to 1 MB are copied into their response, so a response can be larger than the write buffer.
        server = TestServer.start(Map.of("port", "-1", "threads", "1", "fair_share", "false",
                "value_by_reference_threshold", "1m"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
        buffers = MXBeans.network("BufferStats", BufferStatsMXBean.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestsSplitAcrossReadsKeepTheirOwnBytesWhileOthersAreRead() throws Exception {
        List<TextClient> clients = new ArrayList<>();
        try {
            long bufferedBefore = buffers.getInputBuffered();
            int halves = 0;
            for (int i = 0; i < 4; i++) {
                TextClient client = new TextClient(address);
                clients.add(client);
                String half = "set split" + i + " 0 0 10\r\nfirst" + i;
                client.send(half);
                halves += half.length();
            }
            int expected = halves;
            Eventually.waitFor("the first halves to be buffered", Duration.ofSeconds(10),
                    () -> buffers.getInputBuffered() - bufferedBefore == expected);

            for (int i = 0; i < 4; i++) {
                clients.get(i).send("last\r\nget split" + i + "\r\n");
            }
            for (int i = 0; i < 4; i++) {
                TextClient client = clients.get(i);
                assertThat(client.line()).isEqualTo("STORED");
                assertThat(client.line()).isEqualTo("VALUE split" + i + " 0 10");
                assertThat(client.line()).isEqualTo("first" + i + "last");
                assertThat(client.line()).isEqualTo("END");
            }
        } finally {
            for (TextClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void responsesLargerThanTheWriteBufferGoOutWholeAndInOrder() throws Exception {
        String big = "B".repeat(3 * OutputScratch.CAPACITY + 17);
        try (TextClient client = new TextClient(address)) {
            client.send("set big 0 0 " + big.length() + "\r\n" + big + "\r\nset small 0 0 5\r\nsmall\r\n");
            assertThat(client.line()).isEqualTo("STORED");
            assertThat(client.line()).isEqualTo("STORED");

            client.send("get small\r\nget big\r\nget small\r\nget big\r\n");
            for (int i = 0; i < 2; i++) {
                assertThat(client.line()).isEqualTo("VALUE small 0 5");
                assertThat(client.line()).isEqualTo("small");
                assertThat(client.line()).isEqualTo("END");
                assertThat(client.line()).isEqualTo("VALUE big 0 " + big.length());
                assertThat(new String(client.exactly(big.length()), US_ASCII)).isEqualTo(big);
                assertThat(client.line()).isEmpty();
                assertThat(client.line()).isEqualTo("END");
            }
        }
    }
}
