package dev.larder.dist;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.auth.PlainCallbackHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With -Y: text clients authenticate as memcached's -Y mode, binary clients with SASL PLAIN. */
class AuthenticationIT {

    @TempDir
    static Path dir;
    static LauncherProcess larder;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice:secret\n");
        larder = LauncherProcess.start("-p", "-1", "--admin-port", "0", "-Y", users.toString());
        port = Integer.parseInt(larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1));
    }

    @AfterAll
    static void stop() throws Exception {
        larder.close();
    }

    @Test
    void textClientsAuthenticateWithASetOfUserAndPassword() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("get a\r\nset x 0 0 11\r\nalice wrong\r\n"
                    + "set x 0 0 12\r\nalice secret\r\nset a 0 0 1\r\n1\r\nget a\r\n").getBytes(ISO_8859_1));
            String expected = "CLIENT_ERROR unauthenticated\r\nCLIENT_ERROR unauthenticated\r\n"
                    + "STORED\r\nSTORED\r\nVALUE a 0 1\r\n1\r\nEND\r\n";
            assertThat(new String(socket.getInputStream().readNBytes(expected.length()), ISO_8859_1))
                    .isEqualTo(expected);
        }
    }

    @Test
    void spymemcachedAuthenticatesWithSaslPlain() throws Exception {
        AuthDescriptor credentials = new AuthDescriptor(new String[] {"PLAIN"},
                new PlainCallbackHandler("alice", "secret"));
        MemcachedClient client = new MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY).setAuthDescriptor(credentials).build(),
                AddrUtil.getAddresses("127.0.0.1:" + port));
        try {
            assertThat(client.set("sasl", 0, "ok").get()).isTrue();
            assertThat(client.get("sasl")).isEqualTo("ok");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void binaryCommandsBeforeAuthenticationAndWrongPasswordsGetAuthErrors() throws IOException {
        HexFormat hex = HexFormat.of();
        String value = hex.formatHex("\0alice\0wrong".getBytes(ISO_8859_1));
        // magic, opcode, key length, extras length, data type, vbucket, body length, opaque, CAS; then the body
        String get = "80" + "00" + "0001" + "00" + "00" + "0000" + "00000001" + "00000000" + "0000000000000000"
                + hex.formatHex("a".getBytes(ISO_8859_1));
        String saslAuth = "80" + "21" + "0005" + "00" + "00" + "0000" + "00000011" + "00000000" + "0000000000000000"
                + hex.formatHex("PLAIN".getBytes(ISO_8859_1)) + value;
        byte[] request = hex.parseHex(get + saslAuth);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                byte[] header = in.readNBytes(24);
                assertThat(ByteBuffer.wrap(header, 6, 2).getShort()).as("status of response " + i).isEqualTo((short) 0x20);
                assertThat(new String(in.readNBytes(ByteBuffer.wrap(header, 8, 4).getInt()), ISO_8859_1))
                        .isEqualTo("Auth failure.");
            }
        }
    }

    @Test
    void saslPlainRefusesToActAsAnotherUserAndAcceptsAnAuthzidThatIsTheUser() throws IOException {
        assertThat(saslStatus("admin\0alice\0secret")).as("alice's password, acting as admin").isEqualTo(0x20);
        assertThat(saslStatus("alice\0alice\0secret")).as("acting as herself").isZero();
        assertThat(saslStatus("\0alice\0secret")).as("no authzid").isZero();
    }

    /** The status of a SASL PLAIN AUTH with this body, on a new connection. */
    private int saslStatus(String plain) throws IOException {
        HexFormat hex = HexFormat.of();
        byte[] body = plain.getBytes(ISO_8859_1);
        String request = "80" + "21" + "0005" + "00" + "00" + "0000" + String.format("%08x", 5 + body.length)
                + "00000000" + "0000000000000000" + hex.formatHex("PLAIN".getBytes(ISO_8859_1)) + hex.formatHex(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(hex.parseHex(request));
            byte[] header = socket.getInputStream().readNBytes(24);
            return ByteBuffer.wrap(header, 6, 2).getShort();
        }
    }
}
