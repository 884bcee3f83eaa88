package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.larder.kernel.plugin.DiscoveredPlugin;
import dev.larder.kernel.plugin.PluginLoader;
import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.Plugin;
import dev.larder.spi.Slot;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store hands a hit to the protocol while it holds a shard lock, and the
 * protocol reserves its response then. A reservation must never write to the
 * socket, even when the event loop's scratch buffer is full: this protocol
 * double reserves each response inside a lock, as a store's visitor does, and
 * counts the writes to the socket that happen meanwhile.
 */
class ReservationUnderLockTest {

    /** Each response of "fill N": more than the scratch buffer holds after a few. */
    static final int RESPONSE = 10_000;

    static final ReentrantLock storeLock = new ReentrantLock();
    static final AtomicLong writesUnderLock = new AtomicLong();
    static TestServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        List<DiscoveredPlugin> plugins = new ArrayList<>();
        for (DiscoveredPlugin found : new PluginLoader(ReservationUnderLockTest.class.getClassLoader())
                .fromClassPath()) {
            if (found.plugin().slot() != Slot.PROTOCOL) {
                plugins.add(found);
            }
        }
        plugins.add(new DiscoveredPlugin(new FillProtocol(), "test"));
        server = TestServer.start(plugins, Map.of("port", "-1", "threads", "1"));
        address = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFullScratchBufferIsQueuedNotWrittenWhileTheStoreHoldsALock() throws Exception {
        assertThat(OutputScratch.CAPACITY).as("the test must overflow the scratch buffer")
                .isLessThan(20 * RESPONSE);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int round = 0; round < 3; round++) {
                int responses = 20 + round;
                out.write(("fill " + responses + "\n").getBytes(US_ASCII));
                out.flush();
                byte[] received = new byte[responses * RESPONSE];
                in.readFully(received);
                for (int i = 0; i < responses; i++) {
                    assertThat(received[i * RESPONSE]).as("response %d starts in order", i).isEqualTo(fillByte(i));
                    assertThat(received[(i + 1) * RESPONSE - 1]).as("response %d is whole", i)
                            .isEqualTo(fillByte(i));
                }
            }
        }
        assertThat(writesUnderLock.get()).isZero();
    }

    static byte fillByte(int response) {
        return (byte) ('a' + response % 26);
    }

    /** A protocol whose only command, "fill N\n", answers N responses, each reserved under the lock. */
    static final class FillProtocol implements Plugin {

        @Override
        public String name() {
            return "fill";
        }

        @Override
        public Slot slot() {
            return Slot.PROTOCOL;
        }

        @Override
        public Module module() {
            return new AbstractModule() {
                @Override
                protected void configure() {
                    bind(ProtocolSessionFactory.class).toInstance(new TestProtocol(connection -> new FillSession()));
                }
            };
        }
    }

    static final class FillSession implements ProtocolSession {

        @Override
        public Outcome serveOne(Connection c) {
            ByteBuf in = c.input();
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                return Outcome.NEEDS_INPUT;
            }
            int responses = Integer.parseInt(in.toString(in.readerIndex() + 5, lf - in.readerIndex() - 5, US_ASCII));
            in.readerIndex(lf + 1);
            BufferEventHandler handler = (BufferEventHandler) c;
            for (int i = 0; i < responses; i++) {
                storeLock.lock();
                try {
                    long flushesBefore = handler.info().flushes();
                    ByteBuf out = c.reserve(RESPONSE);
                    for (int b = 0; b < RESPONSE; b++) {
                        out.writeByte(fillByte(i));
                    }
                    writesUnderLock.addAndGet(handler.info().flushes() - flushesBefore);
                } finally {
                    storeLock.unlock();
                }
            }
            return Outcome.SERVED;
        }

        @Override
        public String protocolName() {
            return "fill";
        }
    }
}
