package dev.larder.network.netty;

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
 * keeps its own bytes, and responses of any size, to clients fast or slow, go
 * out whole and in order. One loop, so all connections share the buffers.
 */
class ScratchBuffersTest {

    private static final long HIGH_WATER = 256 * 1024;

    static TestServer server;
    static InetSocketAddress address;
    static BufferStatsMXBean buffers;

    @BeforeAll
    static void start() throws Exception {
        // Values up to 1 MB are copied into their response, so a response can be larger than the write buffer.
        server = TestServer.start(Map.of("port", "0", "threads", "1", "fair_share", "false",
                "value_by_reference_threshold", "1m", "write_high_water", String.valueOf(HIGH_WATER),
                "write_low_water", "64k"));
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

    @Test
    void smallRepliesToAClientThatDoesNotReadAreHeldBackThenAllDelivered() throws Exception {
        int gets = 20_000;
        String value = "s".repeat(1000);
        try (TextClient setter = new TextClient(address); TextClient reluctant = new TextClient(address)) {
            setter.send("set kilo 0 0 1000\r\n" + value + "\r\n");
            assertThat(setter.line()).isEqualTo("STORED");
            long getsBefore = setter.stat("cmd_get");
            reluctant.socket().setReceiveBufferSize(64 * 1024);

            reluctant.send("get kilo\r\n".repeat(gets));
            Eventually.waitFor("output to pass the high-water mark", Duration.ofSeconds(20),
                    () -> buffers.getOutputPendingPeak() >= HIGH_WATER);
            assertThat(setter.stat("cmd_get") - getsBefore).isLessThan(gets);

            for (int i = 0; i < gets; i++) {
                assertThat(reluctant.line()).isEqualTo("VALUE kilo 0 1000");
                assertThat(reluctant.line()).isEqualTo(value);
                assertThat(reluctant.line()).isEqualTo("END");
            }
            assertThat(setter.stat("cmd_get") - getsBefore).isEqualTo(gets);
        }
    }
}
