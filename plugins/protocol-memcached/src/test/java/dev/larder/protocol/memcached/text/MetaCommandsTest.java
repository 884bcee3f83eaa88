package dev.larder.protocol.memcached.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.protocol.memcached.FakeConnection;
import dev.larder.protocol.memcached.ProtocolUnderTest;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.ItemStore;
import dev.larder.storage.memory.StoreInvariants;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meta commands, their flags and their errors, against the replies Debian's
 * memcached 1.6.18 gave to the same requests in the same order (c# stands for a
 * CAS unique, whose numbering is each server's own).
 */
class MetaCommandsTest {

    /** Request, then memcached's reply; one connection, in this order. */
    private static final String[][] CONVERSATION = {
                {"ms k 2 T0 F5\r\nhi\r\n", "HD\r\n"},
                {"mg k v f s k O123 c t\r\n", "VA 2 f5 s2 kk O123 c# t-1\r\nhi\r\n"},
                {"mg missing v k Oab\r\n", "EN kmissing Oab\r\n"},
                {"mg missing v q\r\nmn\r\n", "MN\r\n"},
                {"mg k zz\r\n", "CLIENT_ERROR invalid flag\r\n"},
                {"mg k v v\r\n", "CLIENT_ERROR duplicate flag\r\n"},
                {"mg k T1x\r\n", "CLIENT_ERROR bad token in command line format\r\n"},
                {"mg a" + "x".repeat(250) + " v\r\n", "CLIENT_ERROR bad command line format\r\n"},
                {"ms k 2 MA\r\n!!\r\n", "HD\r\n"},
                {"ms k 1 MP\r\n<\r\n", "HD\r\n"},
                {"mg k v\r\n", "VA 5\r\n<hi!!\r\n"},
                {"ms nokey 1 MA\r\nx\r\n", "NS\r\n"},
                {"ms k 1 ME\r\nx\r\n", "NS\r\n"},
                {"ms k 1 MX\r\nx\r\n", "CLIENT_ERROR invalid mode for ms M token\r\n"},
                {"ms k 1 C1 k c\r\nx\r\n", "EX kk c#\r\n"},
                {"ms k 1 q\r\nx\r\nmn\r\n", "MN\r\n"},
                {"ms k x\r\n", "CLIENT_ERROR bad command line format\r\n"},
                {"ms k 1 I\r\nx\r\n", "HD\r\n"},
                {"ms k 3\r\nx\r\n", ""},
                {"md k q\r\nmn\r\n", "CLIENT_ERROR bad data chunk\r\nERROR\r\nMN\r\n"},
                {"md k k O9\r\n", "HD kk O9\r\n"},
                {"md k x\r\n", "CLIENT_ERROR invalid or duplicate flag\r\n"},
                {"ms k 1\r\nx\r\n", "HD\r\n"},
                {"md k I T30\r\n", "HD\r\n"},
                {"mg k v c\r\n", "VA 1 c# X W\r\nx\r\n"},
                {"ma n N0 J10 v\r\n", "VA 2\r\n10\r\n"},
                {"ma n v t\r\n", "VA 2 t-1\r\n11\r\n"},
                {"ma n MD D3 v\r\n", "VA 1\r\n8\r\n"},
                {"ma n MX\r\n", "CLIENT_ERROR invalid mode for ma M token\r\n"},
                {"ma n D-1\r\n", "CLIENT_ERROR invalid or duplicate flag\r\n"},
                {"ma missing\r\n", "NF\r\n"},
                {"ma k\r\n", "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"},
                {"ma n q\r\nmn\r\n", "MN\r\n"},
                {"me nothere\r\n", "EN\r\n"},
                {"mg bmV3 b v\r\n", "EN\r\n"},
                {"ms bmV3 1 b k\r\nz\r\n", "HD kbmV3 b\r\n"},
                {"mg bmV3 b v k\r\n", "VA 1 kbmV3 b\r\nz\r\n"},
                {"mg !!!! b v\r\n", "CLIENT_ERROR error decoding key\r\n"},
    };

    private final ItemStore store = StoreInvariants.newStore(16L << 20);
    private final FakeConnection conn = new FakeConnection();
    private final ProtocolSession session = ProtocolUnderTest.over(store, Map.of()).open(conn);

    @AfterEach
    void checkTheStoreAndClose() {
        StoreInvariants.check(store);
        StoreInvariants.close(store);
    }

    @Test
    void everyReplyIsMemcachedsByteForByte() {
        for (String[] exchange : CONVERSATION) {
            conn.send(session, exchange[0]);
            String expected = Pattern.quote(exchange[1]).replace(" c#", "\\E c\\d+\\Q");
            assertThat(conn.replies()).as("the reply to %s", exchange[0]).matches(expected);
        }
    }
}
