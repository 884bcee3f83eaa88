package dev.larder.network.netty;

import dev.larder.kernel.testing.Eventually;
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
    private static final long LOW_WATER = 256 * 1024;

    static TestServer server;
    static InetSocketAddress address;
    static BufferStatsMXBean buffers;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("port", "-1", "threads", "1", "fair_share", "false",
                "write_high_water", String.valueOf(HIGH_WATER), "write_low_water", String.valueOf(LOW_WATER)));
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

    /** Small replies go out from the event loop's write buffer; what the socket does not take is queued. */
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
            // Held back, the output rests between the marks: serving stops above the high one, the
            // socket may then take some of it, and serving resumes only below the low one.
            Eventually.waitFor("output held back above the low-water mark", Duration.ofSeconds(20),
                    () -> buffers.getOutputPending() >= LOW_WATER);
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
