package dev.larder.dist;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input, sent to memcached and to Larder alike: what each answers, whether it
 * closes the connection, and that other connections are served meanwhile.
 */
class MalformedInputIT {

    @RegisterExtension
    static final SideBySide servers = new SideBySide();

    @Test
    void aTwoMegabyteLineWithoutNewlineClosesTheConnection() throws Exception {
        byte[] line = new byte[2 * 1024 * 1024];
        Arrays.fill(line, (byte) 'x');
        assertSameOutcome(line);
        assertThat(outcome(servers.larderPort(), line)).isEqualTo("<closed>");
    }

    @Test
    void aTwoMegabyteMultiGetIsAnswered() throws Exception {
        StringBuilder get = new StringBuilder("get");
        while (get.length() < 2 * 1024 * 1024) {
            get.append(" key").append(get.length());
        }
        byte[] request = (get + "\r\n").getBytes(ISO_8859_1);
        assertSameOutcome(request);
        assertThat(outcome(servers.larderPort(), request)).startsWith("END\r\n");
    }

    /**
     * A get whose key length is larger than its body. memcached 1.6 waits for key
     * bytes the header never promised and then misreads what follows; Larder says
     * so at once, as memcached's own code means to, and closes: the boundaries of
     * the following packets cannot be trusted.
     */
    @Test
    void binaryPacketsWithInconsistentLengthsAreRefusedAndClosed() throws Exception {
        byte[] packet = HexFormat.of().parseHex("800000ff00000000000000010000000000000000000000006b");
        String reply = outcome(servers.larderPort(), packet);
        assertThat(reply).contains("Invalid arguments").endsWith("<closed>");
        assertThat(reply.charAt(7)).as("status EINVAL").isEqualTo((char) 0x04);
        // On a binary connection, a packet without the request magic loses the boundaries: closed.
        byte[] noopThenBadMagic = HexFormat.of().parseHex("800a0000000000000000000000000000000000000000000081"
                + "0a0000000000000000000000000000000000000000000000");
        String afterBadMagic = outcome(servers.larderPort(), noopThenBadMagic);
        assertThat(afterBadMagic).endsWith("<closed>");
        assertThat(afterBadMagic.length()).as("just the noop's response").isEqualTo(24 + "<closed>".length());
    }

    @Test
    void garbageLinesGetErrorsAndTheConnectionLives() throws Exception {
        byte[] garbage = "\u0001\u0002\u00ff garbage\r\n\r\n  \r\nset\r\nget\u0000key\r\n".getBytes(ISO_8859_1);
        assertSameOutcome(garbage);
    }

    @Test
    void truncatedRequestsWaitAndWrongLengthsAreBadDataChunks() throws Exception {
        assertSameOutcome("set t 0 0 10\r\nabc".getBytes(ISO_8859_1));
        assertSameOutcome("set t 0 0 2\r\nabcdef\r\nget t\r\n".getBytes(ISO_8859_1));
        assertSameOutcome("set t 0 0 notanumber\r\nabc\r\n".getBytes(ISO_8859_1));
    }

    @Test
    void otherConnectionsAreServedWhileOneSendsGarbage() throws Exception {
        byte[] flood = new byte[4 * 1024 * 1024];
        Arrays.fill(flood, (byte) 'z');
        CompletableFuture<String> flooding = CompletableFuture.supplyAsync(() -> {
            try {
                return outcome(servers.larderPort(), flood);
            } catch (IOException e) {
                return "<" + e.getClass().getSimpleName() + ">";
            }
        });
        for (int i = 0; i < 50; i++) {
            String reply = outcome(servers.larderPort(), ("set ok" + i + " 0 0 2\r\nok\r\nget ok" + i + "\r\n")
                    .getBytes(ISO_8859_1));
            assertThat(reply).startsWith("STORED\r\nVALUE ok" + i + " 0 2\r\nok\r\nEND\r\n");
        }
        assertThat(flooding.get(60, TimeUnit.SECONDS)).doesNotContain("Exception").isNotEmpty();
    }

    private static void assertSameOutcome(byte[] request) throws IOException {
        assertThat(outcome(servers.larderPort(), request)).isEqualTo(outcome(servers.memcachedPort(), request));
    }

    /**
     * Sends the request, then a version command if the connection is still open,
     * and returns all replies up to the version (masked) or "<closed>".
     */
    private static String outcome(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            try {
                out.write(request);
                out.flush();
                out.write("\r\nversion\r\n".getBytes(ISO_8859_1));
                out.flush();
            } catch (IOException closedWhileWriting) {
                return drain(in, reply) + "<closed>";
            }
            while (true) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    return reply.toString(ISO_8859_1) + "<no reply>";
                } catch (IOException reset) {
                    return reply.toString(ISO_8859_1) + "<closed>";
                }
                if (b < 0) {
                    return reply.toString(ISO_8859_1) + "<closed>";
                }
                reply.write(b);
                String text = reply.toString(ISO_8859_1);
                int version = text.lastIndexOf("VERSION ");
                if (version >= 0 && text.endsWith("\r\n") && (version == 0 || text.charAt(version - 1) == '\n')) {
                    return text.substring(0, version) + "VERSION <v>\r\n";
                }
            }
        }
    }

    private static String drain(InputStream in, ByteArrayOutputStream reply) {
        try {
            reply.write(in.readAllBytes());
        } catch (IOException ignored) {
            // Reset by the server: what was read is all there is.
        }
        return reply.toString(ISO_8859_1);
    }
}
