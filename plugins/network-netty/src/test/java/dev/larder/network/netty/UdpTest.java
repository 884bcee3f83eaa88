package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * memcached's UDP protocol, as its t/udp.t speaks it: an 8-byte frame header
 * (request id, sequence number, datagram count, reserved) before each
 * datagram's payload, a request in one datagram, the answer in as many
 * numbered datagrams of at most 1,400 bytes of payload as it needs.
 */
class UdpTest {

    static TestServer server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("port", "-1", "udp_port", "-1", "threads", "1"));
        address = server.instance(TcpListener.class).boundUdpAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSetLargerThanNettysDefaultDatagramIsReadWholeAndItsValueComesBackInNumberedDatagrams() throws IOException {
        String value = "abcd".repeat(1024);
        try (DatagramSocket client = client()) {
            assertThat(request(client, 45, "set udp-big 0 0 4096\r\n" + value + "\r\n")).isEqualTo("STORED\r\n");
            String expected = "VALUE udp-big 0 4096\r\n" + value + "\r\nEND\r\n";
            assertThat(request(client, 46, "get udp-big\r\n")).isEqualTo(expected);
        }
    }

    @Test
    void aRequestSpreadOverSeveralDatagramsIsRefusedAsMemcachedRefusesIt() throws IOException {
        try (DatagramSocket client = client()) {
            assertThat(request(client, 7, 0, 2, "get a\r\n"))
                    .isEqualTo("SERVER_ERROR multi-packet request not supported\r\n");
        }
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        client.setSoTimeout(10_000);
        client.connect(address);
        return client;
    }

    private static String request(DatagramSocket client, int id, String payload) throws IOException {
        return request(client, id, 0, 1, payload);
    }

    /** Sends one datagram and puts the answer's datagrams together in sequence order, checking each header. */
    private static String request(DatagramSocket client, int id, int sequence, int count, String payload)
            throws IOException {
        byte[] body = payload.getBytes(US_ASCII);
        ByteBuffer datagram = ByteBuffer.allocate(UdpListener.HEADER + body.length);
        datagram.putShort((short) id).putShort((short) sequence).putShort((short) count).putShort((short) 0).put(body);
        client.send(new DatagramPacket(datagram.array(), datagram.capacity()));
        Map<Integer, byte[]> parts = new TreeMap<>();
        int expected = -1;
        while (expected < 0 || parts.size() < expected) {
            DatagramPacket received = new DatagramPacket(new byte[2048], 2048);
            client.receive(received);
            ByteBuffer answer = ByteBuffer.wrap(received.getData(), 0, received.getLength());
            assertThat(answer.getShort() & 0xffff).as("request id").isEqualTo(id);
            int seq = answer.getShort() & 0xffff;
            int total = answer.getShort() & 0xffff;
            assertThat(answer.getShort()).as("reserved").isZero();
            assertThat(received.getLength() - UdpListener.HEADER).isLessThanOrEqualTo(UdpListener.MAX_PAYLOAD);
            assertThat(expected).as("datagram count").isIn(-1, total);
            expected = total;
            byte[] part = new byte[answer.remaining()];
            answer.get(part);
            parts.put(seq, part);
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] part : parts.values()) {
            whole.write(part);
        }
        return whole.toString(US_ASCII);
    }
}
