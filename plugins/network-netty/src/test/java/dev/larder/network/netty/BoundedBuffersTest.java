package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a connection holds does not grow with what its client sends: a bulk
 * loader pipelining {@code noreply} sets, or a client that pipelines gets and
 * never reads, is not read beyond the request in progress and one read, while
 * another client keeps being answered within a second.
 */
class BoundedBuffersTest {

    private static final int VALUE = 1000;
    private static final int SETS = 100_000; // 100 MB of values
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    static TestServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("port", "-1", "threads", "1", "fair_share", "true", "memory_limit", "64"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBulkLoaderOfNoreplySetsIsReadNoFasterThanItIsServed() throws Exception {
        byte[] batch = sets(1000);
        try (TextClient loader = new TextClient(address); TextClient other = new TextClient(address)) {
            other.send("set probe 0 0 2\r\nok\r\n");
            assertThat(other.line()).isEqualTo("STORED");
            long inputPeakBefore = other.stat("input_buffered_peak");
            CompletableFuture<Void> loading = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < SETS / 1000; i++) {
                        loader.send(batch);
                    }
                    loader.send("mn\r\n");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Watch watch = new Watch();
            while (!loading.isDone()) {
                watch.probe(other);
            }
            loading.get();
            assertThat(loader.line()).isEqualTo("MN");
            watch.probe(other);
            assertThat(other.stat("input_buffered_peak")).as("input one connection held at most")
                    .isLessThan(2L * 1024 * 1024).isGreaterThanOrEqualTo(inputPeakBefore);
            watch.check();
        }
    }

    @Test
    void aClientThatPipelinesGetsAndNeverReadsIsNotReadEither() throws Exception {
        int gets = 100_000;
        try (TextClient reluctant = new TextClient(address); TextClient other = new TextClient(address)) {
            other.send("set kilo 0 0 1000\r\n" + "k".repeat(1000) + "\r\nset probe 0 0 2\r\nok\r\n");
            assertThat(other.line()).isEqualTo("STORED");
            assertThat(other.line()).isEqualTo("STORED");
            reluctant.socket().setReceiveBufferSize(64 * 1024);
            byte[] requests = "get kilo\r\n".repeat(gets).getBytes(US_ASCII);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    reluctant.send(requests);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Watch watch = new Watch();
            long until = System.nanoTime() + 3 * SECOND;
            while (System.nanoTime() < until) {
                watch.probe(other);
            }
            long served = other.stat("get_hits");
            assertThat(other.stat("input_buffered_peak")).isLessThan(2L * 1024 * 1024);
            assertThat(served).as("held back: far from every get was served").isLessThan(gets);
            watch.check();

            int reply = ("VALUE kilo 0 1000\r\n" + "k".repeat(1000) + "\r\nEND\r\n").length();
            reluctant.skip((long) reply * gets);
            sending.get(60, TimeUnit.SECONDS);
        }
    }

    private static byte[] sets(int count) {
        StringBuilder batch = new StringBuilder();
        String value = "v".repeat(VALUE);
        for (int i = 0; i < count; i++) {
            batch.append("set bulk").append(i).append(" 0 0 ").append(VALUE).append(" noreply\r\n")
                    .append(value).append("\r\n");
        }
        return batch.toString().getBytes(US_ASCII);
    }

    /** Asks the other client's questions, timing each, and keeps the worst of what it saw. */
    private static final class Watch {
        long slowestNanos;
        long mostPooled;
        int probes;

        void probe(TextClient other) throws IOException {
            long start = System.nanoTime();
            other.send("get probe\r\n");
            assertThat(other.line()).isEqualTo("VALUE probe 0 2");
            assertThat(other.line()).isEqualTo("ok");
            assertThat(other.line()).isEqualTo("END");
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            mostPooled = Math.max(mostPooled, other.stat("pooled_direct_bytes"));
            probes++;
        }

        void check() {
            assertThat(probes).isGreaterThan(3);
            assertThat(slowestNanos).as("slowest answer to the other client, ns").isLessThan(SECOND);
            assertThat(mostPooled).as("pooled direct memory, bytes").isLessThan(16L * 1024 * 1024);
        }
    }
}
