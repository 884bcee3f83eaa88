package dev.larder.network.netty;

import dev.larder.kernel.testing.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.net.FairShareMXBean;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fair sharing over real sockets, switched through its MXBean as an operator would. */
class FairShareTest {

    private static final int FLOOD = 10_000;
    private static final String VALUE = "f".repeat(1000);
    private static final int REPLY = ("VALUE flood 0 1000\r\n" + VALUE + "\r\nEND\r\n").length();

    static TestServer server;
    static InetSocketAddress address;
    static FairShareMXBean fairShare;

    @BeforeAll
    static void start() throws Exception {
        // One event loop, so the flood and the other client share it.
        server = TestServer.start(Map.of("port", "-1", "threads", "1", "fair_share", "true"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
        fairShare = MXBeans.network("FairShare", FairShareMXBean.class);
        try (TextClient client = new TextClient(address)) {
            client.send("set flood 0 0 1000\r\n" + VALUE + "\r\nset single 0 0 2\r\nok\r\n");
            assertThat(client.line()).isEqualTo("STORED");
            assertThat(client.line()).isEqualTo("STORED");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFloodYieldsWithFairSharingOnAndASecondClientIsAnsweredBeforeItEnds() throws Exception {
        fairShare.setEnabled(true);
        long yieldsBefore = fairShare.getYields();
        try (TextClient flood = new TextClient(address); TextClient other = new TextClient(address)) {
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<Long> floodDone = readFloodInBackground(flood, received);
            flood.send("get flood\r\n".repeat(FLOOD));
            Eventually.waitFor("the flood's first replies", java.time.Duration.ofSeconds(20),
                    () -> received.get() > 0);

            other.send("get single\r\n");
            assertThat(other.line()).isEqualTo("VALUE single 0 2");
            long otherAnswered = System.nanoTime();
            int floodRepliesBy = received.get();

            long floodFinished = floodDone.get(60, TimeUnit.SECONDS);
            assertThat(otherAnswered).isLessThan(floodFinished);
            assertThat(floodRepliesBy).isLessThan(FLOOD);
        }
        assertThat(fairShare.getYields() - yieldsBefore).isGreaterThanOrEqualTo(FLOOD / fairShare.getReqsPerEvent() / 2);
    }

    @Test
    void switchedOffByJmxAnOpenConnectionServesItsFloodWithoutYielding() throws Exception {
        fairShare.setEnabled(true);
        try (TextClient flood = new TextClient(address)) {
            flood.send("version\r\n");
            assertThat(flood.line()).startsWith("VERSION");
            fairShare.setEnabled(false);
            long yieldsBefore = fairShare.getYields();
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<Long> floodDone = readFloodInBackground(flood, received);
            flood.send("get flood\r\n".repeat(FLOOD));
            floodDone.get(60, TimeUnit.SECONDS);
            assertThat(received.get()).isEqualTo(FLOOD);
            assertThat(fairShare.getYields()).isEqualTo(yieldsBefore);
        } finally {
            fairShare.setEnabled(true);
        }
    }

    /** Reads the flood's replies, counting them; completes with the time the last one arrived. */
    private static CompletableFuture<Long> readFloodInBackground(TextClient flood, AtomicInteger received) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < FLOOD; i++) {
                    flood.skip(REPLY);
                    received.incrementAndGet();
                }
                return System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
