package dev.larder.protocol.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.ProtocolSessionFactory;
import dev.larder.spi.store.ItemStore;
import dev.larder.storage.memory.StoreInvariants;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The protocol plugin as the network drives it, over the real store, given any
 * bytes: from the first byte (protocol detection), as text and meta commands, as
 * binary packets. No exception escapes, every response fills its reservation,
 * no reply names a Java class, and the store's books add up afterwards.
 * {@code mvn verify} runs the inputs under src/test/resources; {@code -Pfuzz} fuzzes.
 */
class ProtocolFuzzTest {

    private static final Pattern JAVA_NAME = Pattern.compile("(java|javax|jdk|io\\.netty|dev\\.larder)\\.[a-z]|Exception");

    @FuzzTest(maxDuration = "2m")
    void anyBytes(byte[] input) {
        serve(input);
    }

    @FuzzTest(maxDuration = "2m")
    void textAndMetaCommands(byte[] input) {
        byte[] text = new byte[input.length + 1];
        text[0] = 'm'; // not the binary magic: a text session, whose meta commands all start with m
        System.arraycopy(input, 0, text, 1, input.length);
        serve(text);
    }

    @FuzzTest(maxDuration = "2m")
    void binaryPackets(byte[] input) {
        byte[] binary = new byte[input.length + 1];
        binary[0] = (byte) 0x80;
        System.arraycopy(input, 0, binary, 1, input.length);
        serve(binary);
    }

    /** Feeds the bytes in reads of varied sizes, serving as the network would, then checks everything. */
    private static void serve(byte[] bytes) {
        ItemStore store = StoreInvariants.newStore(4L << 20);
        try {
            serve(bytes, store);
        } finally {
            StoreInvariants.close(store);
        }
    }

    private static void serve(byte[] bytes, ItemStore store) {
        ProtocolSessionFactory protocols = protocolOver(store);
        Recorder connection = new Recorder();
        ProtocolSession session = protocols.open(connection);
        int at = 0;
        boolean closed = false;
        while (at < bytes.length && !closed) {
            int read = Math.min(bytes.length - at, 1 + (bytes[at] & 0x3f) * 7);
            connection.input.writeBytes(bytes, at, read);
            at += read;
            closed = serveAll(session, connection);
            connection.input.discardReadBytes();
        }
        session.closed();
        connection.checkReplies();
        StoreInvariants.check(store);
    }

    /** Serves what the input holds, as the network's round does; true when the session asks to close. */
    private static boolean serveAll(ProtocolSession session, Recorder connection) {
        for (int rounds = 0; connection.input.isReadable(); rounds++) {
            int before = connection.input.readerIndex();
            Outcome outcome = session.serveOne(connection);
            if (outcome == Outcome.CLOSE) {
                return true;
            }
            if (outcome == Outcome.NEEDS_INPUT || (outcome == Outcome.SERVED && before == connection.input.readerIndex())) {
                return false;
            }
            assertThat(rounds).as("a session that neither consumes nor asks for input").isLessThan(1_000_000);
        }
        return false;
    }

    private static ProtocolSessionFactory protocolOver(ItemStore store) {
        return ProtocolUnderTest.over(store, Map.of("max_item_size", "64k", "enable_shutdown", "false"));
    }

    /** A connection that keeps what is written to it and checks it. */
    private static final class Recorder implements Connection {
        final ByteBuf input = Unpooled.buffer();
        private final List<ByteBuf> reservations = new ArrayList<>();
        private final StringBuilder replies = new StringBuilder();

        @Override
        public long id() {
            return 1;
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public ByteBuf input() {
            return input;
        }

        @Override
        public boolean reserveInput(int requestBytes) {
            return requestBytes < 1024 * 1024;
        }

        @Override
        public ByteBuf reserve(int size) {
            checkFilled();
            ByteBuf reservation = Unpooled.buffer(size, size);
            reservations.add(reservation);
            return reservation;
        }

        @Override
        public boolean sendsByReference(int valueLength) {
            return valueLength >= 8192;
        }

        @Override
        public void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
            reservation.writeBytes(source, index, length);
        }

        @Override
        public void chain(ByteBuf data) {
            checkFilled();
            data.release();
        }

        @Override
        public void closeAfterWrite() {
        }

        /** Every reservation so far filled exactly; their text kept for the name check. */
        private void checkFilled() {
            for (ByteBuf reservation : reservations) {
                assertThat(reservation.writableBytes()).as("bytes of a reservation left unwritten").isZero();
                replies.append(reservation.toString(StandardCharsets.ISO_8859_1));
            }
            reservations.clear();
            if (replies.length() > 1 << 20) {
                checkNames();
            }
        }

        void checkReplies() {
            checkFilled();
            checkNames();
        }

        /** Error lines name no Java class (values may hold anything, so only errors are looked at). */
        private void checkNames() {
            for (String line : replies.toString().split("\r\n")) {
                if (line.startsWith("ERROR") || line.startsWith("CLIENT_ERROR") || line.startsWith("SERVER_ERROR")) {
                    assertThat(JAVA_NAME.matcher(line).find()).as("an error names a Java class: %s", line).isFalse();
                }
            }
            replies.setLength(0);
        }
    }
}
