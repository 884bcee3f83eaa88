package dev.larder.protocol.memcached.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.protocol.memcached.FakeConnection;
import dev.larder.protocol.memcached.ProtocolUnderTest;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.NetworkTotals;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.TlsFigures;
import dev.larder.spi.net.TlsMXBean;
import dev.larder.spi.store.ItemStore;
import dev.larder.storage.memory.StoreInvariants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The text commands about the server rather than an item, with memcached's replies, over the real store. */
class ServerCommandsTest {

    private final ItemStore store = StoreInvariants.newStore(16L << 20);
    private final FakeConnection conn = new FakeConnection();
    private final Map<String, String> settings = new HashMap<>();
    private final List<String> tlsCalls = new ArrayList<>();
    private NetworkStatistics network = NetworkStatistics.NONE;
    private TlsMXBean tls;
    private int shutdowns;
    private ProtocolSession session;
    private Outcome outcome;

    @AfterEach
    void checkTheStoreAndClose() {
        StoreInvariants.check(store);
        StoreInvariants.close(store);
    }

    private String send(String lines) {
        if (session == null) {
            session = ProtocolUnderTest.over(store, settings, network, tls, () -> shutdowns++).open(conn);
        }
        outcome = conn.send(session, lines);
        return conn.replies();
    }

    @Test
    void shutdownOnlyUnderMinusAAndOnlyInAModeMemcachedKnows() {
        assertThat(send("shutdown\r\n")).isEqualTo("ERROR: shutdown not enabled\r\n");
        assertThat(shutdowns).isZero();
        settings.put("enable_shutdown", "true");
        session = null;
        assertThat(send("shutdown sideways\r\n")).isEqualTo("CLIENT_ERROR invalid shutdown mode\r\n");
        assertThat(send("shutdown graceful\r\n")).isEmpty();
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
        assertThat(shutdowns).isEqualTo(1);
    }

    @Test
    void refreshCertsNeedsTlsAndReportsAFailedReload() {
        assertThat(send("refresh_certs\r\n")).isEqualTo("Error TLS not enabled\r\n");
        tls = new TlsMXBean() {
            @Override
            public String getProvider() {
                return "JDK";
            }

            @Override
            public List<String> getProtocols() {
                return List.of("TLSv1.3");
            }

            @Override
            public void reloadCertificates() {
                tlsCalls.add("reload");
                if (tlsCalls.size() > 1) {
                    throw new IllegalStateException("cannot read cert.pem");
                }
            }
        };
        session = null;
        assertThat(send("refresh_certs\r\n")).isEqualTo("OK\r\n");
        assertThat(send("refresh_certs\r\n")).isEqualTo("ERROR cannot read cert.pem\r\n");
        assertThat(send("refresh_certs noreply\r\n")).isEmpty();
        assertThat(tlsCalls).hasSize(3);
    }

    @Test
    void cacheMemlimitTakesMegabytesFromEightToABillion() {
        assertThat(send("cache_memlimit 7\r\n")).isEqualTo("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\n");
        assertThat(send("cache_memlimit 1000000001\r\n"))
                .isEqualTo("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes\r\n");
        assertThat(send("cache_memlimit -5\r\n")).isEqualTo("ERROR\r\n");
        assertThat(send("cache_memlimit 99999999999999999999\r\n")).as("beyond 2^64").isEqualTo("ERROR\r\n");
        assertThat(send("cache_memlimit 32\r\n")).isEqualTo("OK\r\n");
        assertThat(send("stats settings\r\n")).contains("STAT maxbytes 33554432\r\n");
        assertThat(send("cache_memlimit 48 noreply\r\n")).isEmpty();
    }

    @Test
    void flushAllTakesADelayAndNoreplyAndIsRefusedButCountedUnderMinusF() {
        assertThat(send("set a 0 0 1\r\nx\r\nflush_all\r\nget a\r\n")).isEqualTo("STORED\r\nOK\r\nEND\r\n");
        assertThat(send("flush_all 0\r\nflush_all noreply\r\nflush_all 0 noreply\r\n")).isEqualTo("OK\r\n");
        assertThat(send("flush_all soon\r\n")).isEqualTo("CLIENT_ERROR invalid exptime argument\r\n");
        settings.put("flush_enabled", "false");
        session = null;
        assertThat(send("flush_all\r\n")).isEqualTo("CLIENT_ERROR flush_all not allowed\r\n");
        assertThat(send("stats\r\n")).contains("STAT cmd_flush 1\r\n");
    }

    @Test
    void verbosityIsAcknowledged() {
        assertThat(send("verbosity 1\r\nverbosity 1 noreply\r\n")).isEqualTo("OK\r\n");
        assertThat(send("verbosity x\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
    }

    @Test
    void slabsCommandsAreCheckedAsMemcachedChecksThem() {
        send("set a 0 0 1\r\nx\r\nset b 0 0 5000\r\n" + "y".repeat(5000) + "\r\n"); // two size classes in use
        assertThat(send("slabs reassign 1 1\r\n")).isEqualTo("SAME src and dst class are identical\r\n");
        assertThat(send("slabs reassign 1 2\r\n")).isEqualTo("NOSPARE source class has no spare pages\r\n");
        assertThat(send("slabs reassign 0 2\r\n")).isEqualTo("BADCLASS invalid src or dst class id\r\n");
        assertThat(send("slabs reassign x 2\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
        assertThat(send("slabs automove 1\r\nslabs automove 3\r\n")).isEqualTo("OK\r\nERROR\r\n");
        assertThat(send("slabs automove x\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
        assertThat(send("slabs automove ratio 0.8\r\nslabs automove ratio x\r\n")).isEqualTo("OK\r\nERROR\r\n");
        assertThat(send("slabs automove 1 noreply\r\nslabs sideways\r\n")).isEqualTo("ERROR\r\n");
    }

    @Test
    void statsGroupsAnswerAndUnknownOnesAreErrors() {
        send("set a 0 0 5\r\nhello\r\n");
        assertThat(send("stats slabs\r\n")).contains("STAT active_slabs 1\r\n").endsWith("END\r\n");
        assertThat(send("stats items\r\n")).containsPattern("STAT items:\\d+:number 1\r\n").endsWith("END\r\n");
        assertThat(send("stats sizes\r\n")).isEqualTo("STAT sizes_status disabled\r\nEND\r\n");
        assertThat(send("stats larder\r\n")).contains("STAT pooled_direct_bytes ", "STAT input_buffered_peak ");
        assertThat(send("stats conns\r\n")).isEqualTo("END\r\n");
        assertThat(send("stats nonsense\r\n")).isEqualTo("ERROR\r\n");
        assertThat(send("stats reset\r\n")).isEqualTo("RESET\r\n");
        assertThat(send("stats\r\n")).contains("STAT cmd_set 0\r\n", "STAT curr_items 1\r\n");
    }

    @Test
    void statsDetailCountsByPrefix() {
        assertThat(send("stats detail\r\n")).isEqualTo("CLIENT_ERROR usage: stats detail on|off|dump\r\n");
        assertThat(send("stats detail sideways\r\n")).isEqualTo("CLIENT_ERROR usage: stats detail on|off|dump\r\n");
        assertThat(send("stats detail on\r\n")).isEqualTo("OK\r\n");
        send("set user:1 0 0 1\r\nx\r\nget user:1 user:2\r\ndelete user:3\r\n");
        assertThat(send("stats detail dump\r\n")).isEqualTo("PREFIX user get 2 hit 1 set 1 del 1\r\nEND\r\n");
        assertThat(send("stats detail off\r\n")).isEqualTo("OK\r\n");
    }

    @Test
    void cachedumpListsTheKeysOfAClassUnlessMinusX() {
        send("set a 0 0 5\r\nhello\r\n");
        String items = send("stats items\r\n");
        String slabClass = items.substring("STAT items:".length(), items.indexOf(':', "STAT items:".length()));
        assertThat(send("stats cachedump " + slabClass + " 0\r\n")).matches("ITEM a \\[5 b; \\d+ s]\r\nEND\r\n");
        assertThat(send("stats cachedump " + slabClass + "\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
        settings.put("dump_enabled", "false");
        session = null;
        assertThat(send("stats cachedump 1 1\r\n")).isEqualTo("CLIENT_ERROR stats cachedump not allowed\r\n");
    }

    @Test
    void statsConnsAndTheGeneralStatsDescribeTheNetwork() {
        ConnectionInfo client = new ConnectionInfo(7, "127.0.0.1:50000", "127.0.0.1:11211", "text", true,
                System.currentTimeMillis(), System.currentTimeMillis() - 2_800, 10, 20, 0, 0, 0, 0, 1, 0, 1, 0,
                "conn_parse_cmd");
        NetworkTotals totals = new NetworkTotals(1024, 1, 5, 2, 1, 100, 200, 3, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0);
        network = new NetworkStatistics() {
            @Override
            public NetworkTotals totals() {
                return totals;
            }

            @Override
            public List<ConnectionInfo> connections() {
                return List.of(client);
            }

            @Override
            public TlsFigures tls() {
                return new TlsFigures("JDK", 2, 9, System.currentTimeMillis());
            }

            @Override
            public String transport() {
                return "io_uring";
            }

            @Override
            public boolean close(long connectionId) {
                return false;
            }

            @Override
            public List<String> listeners() {
                return List.of("tcp:127.0.0.1:11211", "unix:/run/memcached.sock");
            }
        };
        settings.put("idle_timeout", "30");
        assertThat(send("stats conns\r\n")).contains(
                "STAT 8:addr tcp:127.0.0.1:11211\r\n", "STAT 8:state conn_listening\r\n",
                "STAT 9:addr unix:/run/memcached.sock\r\n",
                "STAT 7:addr tcp:127.0.0.1:50000\r\n", "STAT 7:listen_addr tcp:127.0.0.1:11211\r\n",
                "STAT 7:state conn_parse_cmd\r\n", "STAT 7:secs_since_last_cmd 3\r\n").endsWith("END\r\n");
        assertThat(send("stats settings\r\n")).contains("STAT transport io_uring\r\n");
        assertThat(send("stats\r\n")).contains("STAT curr_connections 1\r\n", "STAT total_connections 5\r\n",
                "STAT rejected_connections 2\r\n", "STAT conn_yields 3\r\n", "STAT bytes_read 100\r\n",
                "STAT ssl_handshake_errors 2\r\n", "STAT ssl_new_sessions 9\r\n",
                "STAT time_since_server_cert_refresh 0\r\n");
    }
}
