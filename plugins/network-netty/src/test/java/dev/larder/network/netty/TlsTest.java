package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.larder.kernel.testing.Eventually;
import dev.larder.kernel.testing.TestServer;
import dev.larder.network.netty.tls.HangupReload;
import dev.larder.network.netty.tls.TestCertificates;
import dev.larder.network.netty.tls.TestCertificates.Issued;
import dev.larder.spi.net.TlsMXBean;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS as memcached configures it (-Z, ssl_chain_cert, ssl_key, ssl_ca_cert, ssl_verify_mode). */
class TlsTest {

    @TempDir
    Path dir;
    Issued authority;
    TestServer server;
    InetSocketAddress address;

    @BeforeEach
    void certificates() throws Exception {
        authority = TestCertificates.authority("Larder Test CA");
        TestCertificates.writeAuthority(authority, dir.resolve("ca.crt"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Issued serverCertificate, Map<String, String> extra) throws Exception {
        serverCertificate.writeTo(dir, "server");
        Map<String, String> settings = new HashMap<>(Map.of("port", "-1", "ssl_enabled", "true",
                "ssl_chain_cert", dir.resolve("server.crt").toString(),
                "ssl_key", dir.resolve("server.key").toString()));
        settings.putAll(extra);
        server = TestServer.start(settings);
        address = server.instance(TcpListener.class).boundAddresses().get(0);
    }

    private TextClient connect(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return new TextClient(socket);
    }

    private static void setThenGet(TextClient client) throws IOException {
        client.send("set k 0 0 5\r\nhello\r\nget k\r\n");
        assertThat(client.line()).isEqualTo("STORED");
        assertThat(client.line()).isEqualTo("VALUE k 0 5");
        assertThat(client.line()).isEqualTo("hello");
        assertThat(client.line()).isEqualTo("END");
    }

    @Test
    void tlsConnectionsTakeTheirBuffersFromNettysPooledAllocator() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of());
        try (TextClient client = connect(TestCertificates.clientContext(authority))) {
            setThenGet(client);
        }
        // Nothing else in the server allocates from it: plain connections use Netty's default allocator.
        assertThat(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()).isPositive();
        assertThat(server.instance(ConnectionRegistry.class).getPooledDirectMemory())
                .isGreaterThanOrEqualTo(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
    }

    @Test
    void aJavaClientSetsAndGetsOverTls() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of());
        try (TextClient client = connect(TestCertificates.clientContext(authority))) {
            setThenGet(client);
            assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            client.send("stats settings\r\n");
            String line;
            boolean providerShown = false;
            while (!(line = client.line()).equals("END")) {
                providerShown |= line.startsWith("STAT ssl_provider ") && !line.endsWith(" off");
            }
            assertThat(providerShown).isTrue();
        }
    }

    @Test
    void binaryAndMetaProtocolsWorkTheSameOverTls() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of());
        try (TextClient client = connect(TestCertificates.clientContext(authority))) {
            client.send("ms m 2 T0\r\nhi\r\nmg m v\r\n");
            assertThat(client.line()).isEqualTo("HD");
            assertThat(client.line()).isEqualTo("VA 2");
            assertThat(client.line()).isEqualTo("hi");
        }
        try (TextClient client = connect(TestCertificates.clientContext(authority))) {
            byte[] noop = new byte[24];
            noop[0] = (byte) 0x80;
            noop[1] = 0x0a;
            client.send(noop);
            byte[] reply = client.exactly(24);
            assertThat(reply[0] & 0xff).isEqualTo(0x81);
            assertThat(reply[1]).isEqualTo((byte) 0x0a);
        }
    }

    @Test
    void opensslSClientSetsAndGets() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of());
        Process openssl = new ProcessBuilder("openssl", "s_client", "-quiet", "-verify_return_error",
                "-CAfile", dir.resolve("ca.crt").toString(), "-connect", "127.0.0.1:" + address.getPort())
                .redirectErrorStream(false).start();
        try {
            openssl.getOutputStream().write("set os 0 0 3\r\nabc\r\nget os\r\nquit\r\n".getBytes(US_ASCII));
            openssl.getOutputStream().flush();
            String output = new String(openssl.getInputStream().readAllBytes(), US_ASCII);
            assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(output).isEqualTo("STORED\r\nVALUE os 0 3\r\nabc\r\nEND\r\n");
        } finally {
            openssl.destroyForcibly();
        }
    }

    @Test
    void anExpiredCertificateFailsTheHandshakeCleanlyAndTheServerGoesOn() throws Exception {
        Instant now = Instant.now();
        start(TestCertificates.issue(authority, "expired", now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(1))), Map.of());
        assertThatThrownBy(() -> connect(TestCertificates.clientContext(authority)))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThatThrownBy(() -> connect(TestCertificates.clientContext(authority)))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void aCertificateFromAnotherAuthorityFailsTheHandshake() throws Exception {
        start(TestCertificates.issue(TestCertificates.authority("Somebody Else"), "impostor"), Map.of());
        assertThatThrownBy(() -> connect(TestCertificates.clientContext(authority)))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void reloadSwapsTheCertificateForNewConnectionsWhileAnOpenOneKeepsWorking() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of());
        TlsMXBean tls = MXBeans.network("Tls", TlsMXBean.class);
        try (TextClient old = connect(TestCertificates.clientContext(authority))) {
            assertThat(peerName(old)).isEqualTo("CN=larder-one");
            TestCertificates.issue(authority, "larder-two").writeTo(dir, "server");
            tls.reloadCertificates();
            try (TextClient fresh = connect(TestCertificates.clientContext(authority))) {
                assertThat(peerName(fresh)).isEqualTo("CN=larder-two");
            }
            old.send("set still 0 0 2\r\nok\r\n");
            assertThat(old.line()).isEqualTo("STORED");

            TestCertificates.issue(authority, "larder-three").writeTo(dir, "server");
            old.send("refresh_certs\r\n");
            assertThat(old.line()).isEqualTo("OK");
            try (TextClient third = connect(TestCertificates.clientContext(authority))) {
                assertThat(peerName(third)).isEqualTo("CN=larder-three");
            }
        }
    }

    @Test
    void sighupReloadsTheCertificates() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of());
        assumeTrue(HangupReload.listening(), "SIGHUP is ignored in this JVM (run under nohup?): nothing to test");
        TestCertificates.issue(authority, "larder-hup").writeTo(dir, "server");
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        // The signal is handled on its own thread: wait until a new connection sees the new certificate.
        Eventually.waitFor("a connection with the reloaded certificate", Duration.ofSeconds(10), () -> {
            try (TextClient fresh = connect(TestCertificates.clientContext(authority))) {
                return peerName(fresh).equals("CN=larder-hup");
            }
        });
    }

    @Test
    void aSeparateTlsPortServesTlsBesideThePlainPort() throws Exception {
        int tlsPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            tlsPort = probe.getLocalPort();
        }
        start(TestCertificates.issue(authority, "larder-one"), Map.of("ssl_enabled", "false",
                "tls_port", String.valueOf(tlsPort)));
        List<InetSocketAddress> bound = server.instance(TcpListener.class).boundAddresses();
        assertThat(bound).hasSize(2);
        try (TextClient plain = new TextClient(bound.get(0))) {
            plain.send("set p 0 0 1\r\nx\r\n");
            assertThat(plain.line()).isEqualTo("STORED");
        }
        address = bound.get(1);
        assertThat(address.getPort()).isEqualTo(tlsPort);
        try (TextClient secure = connect(TestCertificates.clientContext(authority))) {
            secure.send("get p\r\n");
            assertThat(secure.line()).isEqualTo("VALUE p 0 1");
        }
    }

    @Test
    void requiredClientCertificatesAreChecked() throws Exception {
        start(TestCertificates.issue(authority, "larder-one"), Map.of("ssl_verify_mode", "2",
                "ssl_ca_cert", dir.resolve("ca.crt").toString()));
        Issued client = TestCertificates.issue(authority, "a-client");
        try (TextClient withCertificate = connect(client.clientContextTrusting(authority))) {
            withCertificate.send("version\r\n");
            assertThat(withCertificate.line()).startsWith("VERSION");
        }
        // Without one the server refuses: in the handshake (TLS 1.2) or at the first read (TLS 1.3).
        assertThatThrownBy(() -> {
            try (TextClient without = connect(TestCertificates.clientContext(authority))) {
                without.send("version\r\n");
                if (without.line() == null) {
                    throw new IOException("closed by the server");
                }
            }
        }).isInstanceOf(IOException.class);
    }

    private static String peerName(TextClient client) throws Exception {
        return ((X509Certificate) ((SSLSocket) client.socket()).getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }
}
