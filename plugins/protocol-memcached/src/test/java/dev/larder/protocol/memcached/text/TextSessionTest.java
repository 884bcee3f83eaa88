package dev.larder.protocol.memcached.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.protocol.memcached.FakeConnection;
import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.ProtocolSession.Outcome;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextSessionTest {

    private static final Setting<Integer> PORT = Setting.integer("port", 11211).description("port").build();
    private static final Settings SETTINGS = new SettingsResolver(List.of(PORT))
            .resolve(new Properties(), "-", Map.of("port", "4242"));

    private final MapStore store = new MapStore();
    private final CommandCounters counters = new CommandCounters();
    private int shutdowns;
    private Authenticator authenticator = Authenticator.off();
    private boolean shutdownEnabled;
    /** The event loop's retrieval command, shared by its sessions as the factory shares it. */
    private final RetrievalCommand loopRetrieval = new RetrievalCommand(store, counters);
    private final TextSession session = newSession(1024 * 1024);
    private final FakeConnection conn = new FakeConnection();

    private TextSession newSession(long maxItemSize) {
        return new TextSession(new StorageCommand.Factory(store, maxItemSize, counters),
                loopRetrieval, new KeyCommands(store, counters),
                new ServerCommands(store, Replies.bytes("VERSION 9.9\r\n"),
                        new GeneralStats(store, counters, NetworkStatistics.NONE, SETTINGS, Clock.systemUTC(), "9.9"),
                        () -> shutdowns++, shutdownEnabled, Optional.empty()), authenticator);
    }

    @Test
    void statsListsMemcachedNamesAndEndsWithEnd() {
        conn.send(session, "set a 0 0 1\r\n1\r\n");
        conn.replies();
        conn.send(session, "stats\r\n");
        String reply = conn.replies();
        assertThat(reply).startsWith("STAT pid " + ProcessHandle.current().pid() + "\r\n")
                .contains("STAT version 9.9\r\n", "STAT curr_items 1\r\n", "STAT cmd_set 1\r\n")
                .endsWith("END\r\n");
    }

    @Test
    void aMultiGetOfManyKeysIsAnsweredInPartsThatAddUpToTheWholeReply() {
        StringBuilder line = new StringBuilder("get");
        StringBuilder expected = new StringBuilder();
        String value = "v".repeat(100);
        for (int i = 0; i < 3000; i++) {
            if (i % 3 == 0) {
                conn.send(session, "set key" + i + " 0 0 100\r\n" + value + "\r\n");
                expected.append("VALUE key").append(i).append(" 0 100\r\n").append(value).append("\r\n");
            }
            line.append(" key").append(i);
        }
        conn.replies();
        assertThat(conn.send(session, line + "\r\nversion\r\n")).isEqualTo(Outcome.SERVED);
        assertThat(conn.reservations.size()).as("parts, then the version").isGreaterThan(3);
        assertThat(conn.replies()).isEqualTo(expected + "END\r\nVERSION 9.9\r\n");
    }

    @Test
    void aPartOfAMultiGetLeavesTheLineInTheInputUntilTheLastPart() {
        conn.send(session, "set a 0 0 1\r\nx\r\n");
        conn.replies();
        String line = "get" + " a".repeat(RetrievalCommand.PART_KEYS + 10) + "\r\n";
        conn.input.writeBytes(line.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(session.serveOne(conn)).isEqualTo(Outcome.MORE);
        assertThat(conn.input.readableBytes()).isEqualTo(line.length());
        // The network may move the unread bytes between parts.
        io.netty.buffer.ByteBuf moved = conn.input.copy();
        conn.input.clear().writeZero(7).readerIndex(7);
        conn.input.writeBytes(moved);
        assertThat(session.serveOne(conn)).isEqualTo(Outcome.SERVED);
        assertThat(conn.input.isReadable()).isFalse();
        assertThat(conn.replies()).isEqualTo("VALUE a 0 1\r\nx\r\n".repeat(RetrievalCommand.PART_KEYS + 10)
                + "END\r\n");
    }

    @Test
    void anotherConnectionOfTheLoopIsServedItsOwnRequestsBetweenThePartsOfAMultiGet() {
        conn.send(session, "set a 0 0 1\r\nx\r\nset b 0 0 1\r\ny\r\n");
        conn.replies();
        // Both sessions share the event loop's retrieval command, as the factory makes them.
        String line = "get" + " a".repeat(RetrievalCommand.PART_KEYS + 10) + "\r\n";
        conn.input.writeBytes(line.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(session.serveOne(conn)).isEqualTo(Outcome.MORE);
        FakeConnection other = new FakeConnection();
        other.send(newSession(1024 * 1024), "get b\r\n");
        assertThat(other.replies()).isEqualTo("VALUE b 0 1\r\ny\r\nEND\r\n");
        assertThat(session.serveOne(conn)).isEqualTo(Outcome.SERVED);
        assertThat(conn.replies()).endsWith("VALUE a 0 1\r\nx\r\nEND\r\n").doesNotContain("VALUE b");
    }

    @Test
    void aSetRefusedAsTooLargeRemovesTheOldValueAndItsDataIsThrownAway() {
        TextSession small = newSession(1024);
        conn.send(small, "set k 0 0 1\r\nx\r\nset other 0 0 1\r\ny\r\n");
        conn.replies();
        conn.send(small, "set k 0 0 2000\r\n" + "y".repeat(2000) + "\r\nget k\r\n");
        assertThat(conn.replies()).isEqualTo("SERVER_ERROR object too large for cache\r\nEND\r\n");
        conn.send(small, "append other 0 0 2000 noreply\r\n" + "y".repeat(2000) + "\r\nget other\r\n");
        assertThat(conn.replies()).as("only a set removes the old value; noreply is silent")
                .isEqualTo("VALUE other 0 1\r\ny\r\nEND\r\n");
    }

    @Test
    void aValueTheServerCannotHoldWhileItArrivesIsRefusedOutOfMemoryAndThrownAway() {
        conn.send(session, "set k 0 0 1\r\nx\r\n");
        conn.replies();
        conn.inputBudgetLeft = false;
        String line = "set k 0 0 100000\r\n";
        conn.send(session, line + "z".repeat(1000));
        assertThat(conn.largestReserved).isEqualTo(line.length() + 100_002);
        assertThat(conn.replies()).isEqualTo("SERVER_ERROR out of memory storing object\r\n");
        conn.send(session, "z".repeat(99_000) + "\r\nget k\r\n");
        assertThat(conn.replies()).isEqualTo("END\r\n");
    }

    @Test
    void aLongMultiGetLineIsHeldAgainstTheBudgetAndClosedWhenItIsSpent() {
        String start = "get " + "k".repeat(100) + " ";
        StringBuilder line = new StringBuilder(start);
        while (line.length() < 20_000) {
            line.append(start, 4, start.length());
        }
        assertThat(conn.send(session, line.toString())).isEqualTo(Outcome.NEEDS_INPUT);
        assertThat(conn.largestReserved).isGreaterThan(20_000);
        conn.inputBudgetLeft = false;
        assertThat(conn.send(session, "k")).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void cacheMemlimitJudgesItsNumberAsMemcachedDoes() {
        conn.send(session, "cache_memlimit 17592186044416\r\ncache_memlimit 2000000000\r\ncache_memlimit -5\r\n"
                + "cache_memlimit 99999999999999999999999\r\ncache_memlimit abc noreply\r\ncache_memlimit 64\r\n");
        assertThat(conn.replies()).isEqualTo("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\n"
                + "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes\r\nERROR\r\nERROR\r\nOK\r\n");
        assertThat(store.memoryLimit).isEqualTo(64L * 1024 * 1024);
        conn.send(session, "cache_memlimit 4294967304\r\n"); // 2^32 + 8: 8 once kept to 32 bits, as memcached
        assertThat(conn.replies()).isEqualTo("OK\r\n");
        assertThat(store.memoryLimit).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void aLineEndsAtItsFirstNulAsMemcachedReadsIt() {
        conn.send(session, "set a\0b 0 0 1\r\nx\r\nset a 0 0 1\r\ny\r\nget a\0b\r\n");
        assertThat(conn.replies()).isEqualTo("ERROR\r\nERROR\r\nSTORED\r\nVALUE a 0 1\r\ny\r\nEND\r\n");
        assertThat(store.items).doesNotContainKey("a\0b");
    }

    @Test
    void setThenGetReturnsValueAndFlags() {
        conn.send(session, "set greeting 42 0 5\r\nhello\r\n");
        assertThat(conn.replies()).isEqualTo("STORED\r\n");
        conn.send(session, "get greeting\r\n");
        assertThat(conn.replies()).isEqualTo("VALUE greeting 42 5\r\nhello\r\nEND\r\n");
    }

    @Test
    void statsSettingsListsTheSettingsAndStatsResetClearsTheCounters() {
        conn.send(session, "get a\r\nstats settings\r\nstats reset\r\nstats bogus\r\n");
        String replies = conn.replies();
        // memcached's names in memcached's order, then Larder's own settings.
        assertThat(replies).startsWith("END\r\nSTAT maxbytes ").contains("STAT tcpport 4242\r\nSTAT udpport ")
                .contains("STAT port 4242\r\n").endsWith("END\r\nRESET\r\nERROR\r\n");
        assertThat(replies.indexOf("STAT binding_protocol ")).isLessThan(replies.indexOf("STAT port 4242"));
        assertThat(counters.getCmdGet()).isZero();
    }

    @Test
    void shutdownOnlyWhenEnabledAndCacheMemlimitWithinBounds() {
        conn.send(session, "shutdown\r\ncache_memlimit 7\r\ncache_memlimit 100\r\ncache_memlimit x\r\n");
        assertThat(conn.replies()).isEqualTo("ERROR: shutdown not enabled\r\n"
                + "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\nOK\r\nERROR\r\n");
        assertThat(store.memoryLimit).isEqualTo(100L * 1024 * 1024);
        shutdownEnabled = true;
        FakeConnection other = new FakeConnection();
        assertThat(other.send(newSession(1024), "shutdown\r\n")).isEqualTo(Outcome.CLOSE);
        assertThat(shutdowns).isEqualTo(1);
    }

    @Test
    void withAnAuthFileOnlyAnAuthenticatingSetIsServedFirst(@TempDir Path dir) throws Exception {
        authenticator = Authenticator.fromFile(Files.writeString(dir.resolve("users"), "alice:secret\n"));
        TextSession guarded = newSession(1024);
        conn.send(guarded, "get a\r\nset x 0 0 11\r\nalice wrong\r\nversion\r\n");
        assertThat(conn.replies()).isEqualTo("CLIENT_ERROR unauthenticated\r\n".repeat(3));
        conn.send(guarded, "set x 0 0 12\r\nalice secret\r\nversion\r\n");
        assertThat(conn.replies()).isEqualTo("STORED\r\nVERSION 9.9\r\n");
        assertThat(store.items).isEmpty();
    }

    @Test
    void commandsAreCountedAsMemcachedCountsThem() {
        conn.send(session, "set a 0 0 1\r\n1\r\nget a b c\r\ndelete a\r\ndelete a\r\n");
        assertThat(counters.getCmdSet()).isEqualTo(1);
        assertThat(counters.getCmdGet()).isEqualTo(3);
        assertThat(counters.getGetHits()).isEqualTo(1);
        assertThat(counters.getGetMisses()).isEqualTo(2);
        assertThat(counters.getDeleteHits()).isEqualTo(1);
        assertThat(counters.getDeleteMisses()).isEqualTo(1);
        counters.reset();
        assertThat(counters.getCmdGet()).isZero();
    }

    @Test
    void multiGetWritesEachHitInOrderAsItIsFound() {
        conn.send(session, "set a 0 0 1\r\n1\r\nset c 4294967295 0 3\r\nccc\r\n");
        conn.replies();
        conn.send(session, "get a b c\r\n");
        assertThat(conn.reservations).hasSize(3); // a, c and END: nothing for the miss
        assertThat(conn.replies()).isEqualTo("VALUE a 0 1\r\n1\r\nVALUE c 4294967295 3\r\nccc\r\nEND\r\n");
    }

    @Test
    void largeValuesGoOutByReferenceBetweenReservationsAndSmallOnesAreCopiedOnce() {
        String large = storeSmallAndLargeValues();
        conn.send(session, "get big\r\n");
        assertThat(conn.reservations).hasSize(1);
        assertThat(conn.replies()).isEqualTo("VALUE big 0 5000\r\n" + large + "\r\nEND\r\n");
        assertThat(conn.bytesByReference).isEqualTo(5000 + "\r\nEND\r\n".length());
        assertThat(conn.bytesCopied).isZero();

        conn.send(session, "get a big a\r\nmg big v\r\n");
        assertThat(conn.reservations).hasSize(5); // a, big's header, a, END, then mg's header
        assertThat(conn.replies()).isEqualTo("VALUE a 0 1\r\n1\r\nVALUE big 0 5000\r\n" + large
                + "\r\nVALUE a 0 1\r\n1\r\nEND\r\nVA 5000\r\n" + large + "\r\n");
        assertThat(conn.bytesCopied).isEqualTo(2);
    }

    @Test
    void gatsWritesEachHitWithItsCasCopiedOrByReferenceAndCountsTheTouches() {
        String large = storeSmallAndLargeValues();
        conn.send(session, "gats 100 a missing big\r\n");
        assertThat(conn.replies()).isEqualTo("VALUE a 0 1 1\r\n1\r\nVALUE big 0 5000 2\r\n" + large + "\r\nEND\r\n");
        assertThat(conn.bytesCopied).isEqualTo(1);
        assertThat(conn.bytesByReference).isEqualTo(5000 + "\r\n".length());
        assertThat(counters.getTouchHits()).isEqualTo(2);
        assertThat(counters.getTouchMisses()).isEqualTo(1);
        assertThat(counters.getGetHits()).isEqualTo(2);
    }

    /** Stores "a" (1 byte, CAS 1) and "big" (5,000 bytes, CAS 2, over the by-reference threshold); returns big's value. */
    private String storeSmallAndLargeValues() {
        String large = "x".repeat(5000);
        conn.byReferenceThreshold = 4096;
        conn.send(session, "set a 0 0 1\r\n1\r\nset big 0 0 5000\r\n" + large + "\r\n");
        conn.replies();
        return large;
    }

    @Test
    void aRequestSplitAcrossReadsWaitsForTheRest() {
        assertThat(conn.send(session, "set k 0 0 10\r\n01234")).isEqualTo(Outcome.NEEDS_INPUT);
        assertThat(conn.replies()).isEmpty();
        conn.send(session, "56789\r");
        assertThat(conn.replies()).isEmpty();
        conn.send(session, "\nget k\r\n");
        assertThat(conn.replies()).isEqualTo("STORED\r\nVALUE k 0 10\r\n0123456789\r\nEND\r\n");
        assertThat(conn.input.isReadable()).isFalse();
    }

    @Test
    void deleteAndItsUsage() {
        conn.send(session, "set k 0 0 1\r\nx\r\n");
        conn.replies();
        conn.send(session, "delete k\r\ndelete k\r\ndelete k 0\r\ndelete k 5\r\ndelete k noreply\r\n");
        assertThat(conn.replies()).isEqualTo("DELETED\r\nNOT_FOUND\r\nNOT_FOUND\r\n"
                + "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n");
    }

    @Test
    void noreplySuppressesTheAnswer() {
        conn.send(session, "set k 0 0 1 noreply\r\nx\r\nget k\r\n");
        assertThat(conn.replies()).isEqualTo("VALUE k 0 1\r\nx\r\nEND\r\n");
    }

    @Test
    void versionQuitAndUnknownCommands() {
        conn.send(session, "version\r\nfoo bar\r\n\r\n");
        assertThat(conn.replies()).isEqualTo("VERSION 9.9\r\nERROR\r\nERROR\r\n");
        assertThat(conn.send(session, "quit\r\nget a\r\n")).isEqualTo(Outcome.CLOSE);
        assertThat(conn.replies()).isEmpty();
    }

    @Test
    void badCommandLines() {
        String longKey = "k".repeat(251);
        conn.send(session, "set k x 0 1\r\nset k 0 0 -1\r\nget " + longKey + "\r\nset " + longKey + " 0 0 1\r\n");
        assertThat(conn.replies()).isEqualTo("CLIENT_ERROR bad command line format\r\n".repeat(4));
        conn.send(session, "get " + "k".repeat(250) + "\r\n");
        assertThat(conn.replies()).isEqualTo("END\r\n");
    }

    @Test
    void dataBlockOfTheWrongLengthIsABadDataChunkAndIsSwallowed() {
        conn.send(session, "set k 0 0 3\r\nabcd\r\nget k\r\n");
        // memcached reads length + 2 bytes ("abcd\r"): they do not end in \r\n. Then "\nget k" is one line.
        assertThat(conn.replies()).startsWith("CLIENT_ERROR bad data chunk\r\n");
        assertThat(store.items).doesNotContainKey("k");
    }

    @Test
    void valueTooLargeIsReadAndThrownAwayAndTheConnectionGoesOn() {
        TextSession small = newSession(1024);
        conn.send(small, "set big 0 0 2000\r\n" + "x".repeat(1500));
        assertThat(conn.replies()).isEqualTo("SERVER_ERROR object too large for cache\r\n");
        conn.send(small, "x".repeat(500) + "\r\nget big\r\n");
        assertThat(conn.replies()).isEqualTo("END\r\n");
    }

    @Test
    void aLongLineWithoutNewlineClosesUnlessItIsAGet() {
        assertThat(conn.send(session, "set " + "k".repeat(3000))).isEqualTo(Outcome.CLOSE);
        TextSession other = newSession(1024 * 1024);
        FakeConnection getter = new FakeConnection();
        assertThat(getter.send(other, "get " + "k ".repeat(1500))).isEqualTo(Outcome.NEEDS_INPUT);
        getter.send(other, "\r\n");
        assertThat(getter.replies()).isEqualTo("END\r\n");
    }
}
