package dev.larder.network.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.net.BufferStatsMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that does not read is not read from: the server's pending output stays near the high-water mark. */
class BackPressureTest {

    private static final int VALUE = 100_000;
    private static final int GETS = 2_000;
    private static final long HIGH_WATER = 1024 * 1024;

    static TestServer server;
    static InetSocketAddress address;
    static BufferStatsMXBean buffers;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("port", "0", "threads", "1", "fair_share", "false",
                "write_high_water", String.valueOf(HIGH_WATER), "write_low_water", "256k"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
        buffers = MXBeans.network("BufferStats", BufferStatsMXBean.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientThatDoesNotReadHoldsBackItsOwnRequestsOnlyAndResumesWhenItReads() throws Exception {
        try (TextClient setter = new TextClient(address); TextClient reluctant = new TextClient(address)) {
            setter.send("set big 0 0 " + VALUE + "\r\n" + "b".repeat(VALUE) + "\r\n");
            assertThat(setter.line()).isEqualTo("STORED");
            long getsBefore = setter.stat("cmd_get");
            reluctant.socket().setReceiveBufferSize(64 * 1024);

            reluctant.send("get big\r\n".repeat(GETS));
            Eventually.waitFor("output to pass the high-water mark", Duration.ofSeconds(20),
                    () -> buffers.getOutputPendingPeak() >= HIGH_WATER);

            // Held back: far from all 200 MB of replies were produced, and the output stays near the mark.
            long served = setter.stat("cmd_get") - getsBefore;
            assertThat(served).isLessThan(GETS / 2);
            assertThat(buffers.getOutputPendingPeak()).isLessThan(HIGH_WATER + 2L * VALUE);
            // Other clients are still served meanwhile.
            setter.send("version\r\n");
            assertThat(setter.line()).startsWith("VERSION");

            int reply = ("VALUE big 0 " + VALUE + "\r\n").length() + VALUE + "\r\nEND\r\n".length();
            reluctant.skip((long) reply * GETS);
            assertThat(setter.stat("cmd_get") - getsBefore).isEqualTo(GETS);
        }
    }
}
