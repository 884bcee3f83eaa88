package dev.larder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.admin.api.ApiRoutes;
import dev.larder.admin.http.BodyLimit;
import dev.larder.kernel.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console as a hostile client meets it: bodies it never reads past the cap,
 * host names it does not answer to, other sites' posts, silent and excess
 * connections, guesses in parallel; and the headers that keep its page its own.
 */
class ConsoleHardeningTest {

    static ConsoleServer console;
    static String hostHeader;

    @BeforeAll
    static void start() throws Exception {
        console = new ConsoleServer(Map.of("admin_max_connections", "8", "admin_idle_timeout", "2"));
        hostHeader = URI.create(console.base).getAuthority();
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void aLoginClaimingAHundredMegabytesIsRefusedUnreadAndTheServerLivesOn() throws Exception {
        RawHttp.Response response = RawHttp.exchange(console.base, "POST /api/login HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: text/plain\r\nContent-Length: 100000000", "{\"password\":\"".getBytes());
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(memcachedAnswersVersion()).isTrue();
    }

    @Test
    void aBodyInChunksIsRefusedUnread() throws Exception {
        byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response response = RawHttp.exchange(console.base, "POST /api/login HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunk);
        assertThat(response.status()).isEqualTo(411);
        assertThat(memcachedAnswersVersion()).isTrue();
    }

    @Test
    void everyRouteRefusesWithoutCredentialsAndRefusesAnOversizedBody() throws Exception {
        ApiRoutes routes = console.server.instance(AdminServer.class).apiRoutes();
        List<String[]> calls = new ArrayList<>();
        for (ApiRoutes.Route route : routes.routes()) {
            calls.add(new String[] {route.method(), "/api" + route.path().replace("{id}", "1")});
        }
        calls.add(new String[] {"GET", "/metrics"});
        assertThat(calls).hasSizeGreaterThan(10);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ConsoleServer.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (String[] call : calls) {
            RawHttp.Response anonymous = RawHttp.exchange(console.base, call[0] + " " + call[1] + " HTTP/1.1\r\nHost: "
                    + hostHeader + "\r\nContent-Length: 2", "{}".getBytes());
            assertThat(anonymous.status()).as("%s %s without credentials", call[0], call[1]).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).as(call[1]).startsWith("Basic realm=");

            RawHttp.Response oversized = RawHttp.exchange(console.base, call[0] + " " + call[1] + " HTTP/1.1\r\nHost: "
                    + hostHeader + "\r\nAuthorization: " + basic + "\r\nContent-Length: "
                    + (BodyLimit.MAX_BODY + 1), new byte[BodyLimit.MAX_BODY + 1]);
            assertThat(oversized.status()).as("%s %s with an oversized body", call[0], call[1]).isEqualTo(413);
        }
    }

    @Test
    void theConsolesOwnPageGetsNoPromptingChallenge() throws Exception {
        RawHttp.Response response = RawHttp.exchange(console.base, "GET /api/session HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nX-Requested-With: larder-console", new byte[0]);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Session ");
    }

    @Test
    void anotherHostNameIsRefusedAgainstDnsRebinding() throws Exception {
        int port = URI.create(console.base).getPort();
        RawHttp.Response rebound = RawHttp.exchange(console.base, "GET / HTTP/1.1\r\nHost: attacker.example:" + port,
                new byte[0]);
        assertThat(rebound.status()).isEqualTo(403);
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            assertThat(RawHttp.exchange(console.base, "GET / HTTP/1.1\r\nHost: " + host, new byte[0]).status())
                    .as(host).isEqualTo(200);
        }
    }

    @Test
    void anotherSitesPostIsRefusedEvenToLogIn() throws Exception {
        byte[] body = ("{\"password\":\"" + ConsoleServer.PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response crossSite = RawHttp.exchange(console.base, "POST /api/login HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nOrigin: https://attacker.example\r\nContent-Type: text/plain\r\nContent-Length: " + body.length,
                body);
        assertThat(crossSite.status()).isEqualTo(403);
        RawHttp.Response sameSite = RawHttp.exchange(console.base, "POST /api/login HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nOrigin: http://" + hostHeader + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length, body);
        assertThat(sameSite.status()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheHeadersThatKeepThePageItsOwn() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/stats", "/api/nothing")) {
            RawHttp.Response response = RawHttp.exchange(console.base, "GET " + path + " HTTP/1.1\r\nHost: "
                    + hostHeader, new byte[0]);
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        }
    }

    @Test
    void guessesInParallelAreRefusedNotQueued() throws Exception {
        byte[] wrong = "{\"password\":\"wrong\"}".getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Integer> guess = () -> RawHttp.exchange(console.base, "POST /api/login HTTP/1.1\r\nHost: "
                        + hostHeader + "\r\nContent-Type: application/json\r\nContent-Length: " + wrong.length,
                        wrong).status();
                answers.add(pool.submit(guess));
            }
            int refusedAtOnce = 0;
            int checked = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(401, 429);
                if (status == 429) {
                    refusedAtOnce++;
                } else {
                    checked++;
                }
            }
            // Two attempts from one address at a time: the others are refused without a password check.
            assertThat(checked).isLessThan(10);
            assertThat(refusedAtOnce).isGreaterThan(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void silentConnectionsAreClosedAndTheirNumberIsCapped() throws Exception {
        URI uri = URI.create(console.base);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                silent.add(new Socket(uri.getHost(), uri.getPort()));
            }
            // Beyond the cap of 8, a connection waits to be accepted: it is not served while the others are open.
            Socket waiting = silent.get(11);
            waiting.setSoTimeout(500);
            waiting.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // Silent ones are closed after admin_idle_timeout (2 s); then the waiting one is served.
            Socket first = silent.get(0);
            first.setSoTimeout(10_000);
            assertThat(first.getInputStream().read()).isEqualTo(-1);
            waiting.setSoTimeout(10_000);
            assertThat(RawHttp.readHead(waiting.getInputStream()).status()).isEqualTo(200);
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    private static boolean memcachedAnswersVersion() throws IOException {
        try (Socket client = new Socket(console.memcached.getAddress(), console.memcached.getPort())) {
            client.setSoTimeout(5_000);
            client.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            return new String(in.readNBytes(8), StandardCharsets.US_ASCII).equals("VERSION ");
        }
    }
}
