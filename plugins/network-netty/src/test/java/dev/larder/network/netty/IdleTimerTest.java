package dev.larder.network.netty;

import dev.larder.kernel.testing.Eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.net.IdleTimerMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idle connections closed by the sweep, the timer switched through its MXBean. */
class IdleTimerTest {

    static TestServer server;
    static InetSocketAddress address;
    static IdleTimerMXBean idleTimer;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("port", "-1", "threads", "2", "idle_timeout", "1"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
        idleTimer = MXBeans.network("IdleTimer", IdleTimerMXBean.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anIdleClientIsClosedAfterTheTimeoutWhileAnActiveOneIsNot() throws Exception {
        idleTimer.setEnabled(true);
        idleTimer.setTimeoutSeconds(1);
        long kicksBefore = idleTimer.getIdleKicks();
        try (TextClient idle = new TextClient(address); TextClient active = new TextClient(address)) {
            idle.send("version\r\n");
            assertThat(idle.line()).startsWith("VERSION");
            long requests = 0;
            // The active client keeps talking until the idle one has been closed.
            while (idleTimer.getIdleKicks() == kicksBefore) {
                active.send("version\r\n");
                assertThat(active.line()).startsWith("VERSION");
                requests++;
                assertThat(requests).as("requests before the idle client was closed").isLessThan(1_000_000);
            }
            assertThat(idle.closedByServer()).isTrue();
            active.send("version\r\n");
            assertThat(active.line()).startsWith("VERSION");
            assertThat(active.stat("idle_kicks")).isEqualTo(idleTimer.getIdleKicks());
        }
    }

    @Test
    void aClientThatDribblesACommandLineByteByByteIsIdleAsMemcachedJudgesIt() throws Exception {
        idleTimer.setEnabled(true);
        idleTimer.setTimeoutSeconds(1);
        try (TextClient slow = new TextClient(address)) {
            slow.send("version\r\n");
            assertThat(slow.line()).startsWith("VERSION");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            boolean closed = false;
            while (!closed) {
                assertThat(System.nanoTime()).as("closed within 20 s").isLessThan(deadline);
                try {
                    slow.send("g"); // never a whole command
                } catch (java.io.IOException e) {
                    closed = true;
                }
                slow.socket().setSoTimeout(200);
                try {
                    closed |= slow.closedByServer();
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // not yet
                }
            }
        }
    }

    @Test
    void switchedOnByJmxTheTimerClosesAConnectionOpenedWhileItWasOff() throws Exception {
        idleTimer.setEnabled(false);
        try (TextClient opened = new TextClient(address)) {
            opened.send("version\r\n");
            assertThat(opened.line()).startsWith("VERSION");
            idleTimer.setTimeoutSeconds(1);
            idleTimer.setEnabled(true);
            assertThat(opened.closedByServer()).isTrue();
        }
    }

    @Test
    void switchedOffByJmxTheTimerLeavesIdleConnectionsOpen() throws Exception {
        idleTimer.setEnabled(true);
        idleTimer.setTimeoutSeconds(1);
        try (TextClient first = new TextClient(address); TextClient keeper = new TextClient(address)) {
            first.send("version\r\n");
            assertThat(first.line()).startsWith("VERSION");
            idleTimer.setEnabled(false);
            long kicks = idleTimer.getIdleKicks();
            // Three more sweeps of each of the two loops (one a second each): the connection has been
            // idle for over a second when the last of them looks at it.
            IdleTimer timer = server.instance(IdleTimer.class);
            long sweeps = timer.sweeps();
            Eventually.waitFor("three sweeps of each loop", Duration.ofSeconds(10), () -> timer.sweeps() >= sweeps + 6);
            first.send("version\r\n");
            assertThat(first.line()).startsWith("VERSION");
            assertThat(idleTimer.getIdleKicks()).isEqualTo(kicks);
        } finally {
            idleTimer.setEnabled(true);
        }
    }
}
