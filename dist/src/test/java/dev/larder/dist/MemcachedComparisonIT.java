package dev.larder.dist;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bytes to memcached and to Larder's distribution, the replies compared
 * byte for byte but for what must differ (CAS uniques, the version). Scenarios
 * run in order on both servers, so both hold the same items throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemcachedComparisonIT {

    private static final Pattern CAS_IN_VALUE = Pattern.compile("(VALUE \\S+ \\d+ \\d+) \\d+\r\n");
    private static final Pattern VERSION = Pattern.compile("VERSION [^\r\n]*\r\n");
    /** A meta reply's CAS flag. */
    private static final Pattern META_CAS = Pattern.compile(" c\\d+(?=[ \r])");
    private static final String K251 = "k".repeat(251);

    @RegisterExtension
    static final SideBySide servers = new SideBySide();

    static Stream<String> scenarios() {
        return Stream.of(
                // storage commands
                "set a 0 0 1\r\n1\r\nget a\r\n",
                "set f 4294967295 0 3\r\nabc\r\nget f\r\n",
                "set  spaced   0  0  1 \r\nx\r\nget spaced\r\n",
                "add a 0 0 1\r\n2\r\nadd new 3 0 1\r\n2\r\nget new\r\n",
                "replace nope 0 0 1\r\n2\r\nreplace a 7 0 1\r\n3\r\nget a\r\n",
                "append nope 0 0 1\r\nx\r\nappend a 0 0 2\r\n>>\r\nprepend a 9 0 2\r\n<<\r\nget a\r\n",
                "set c 0 0 1\r\nx\r\ngets c\r\n",
                "cas c 0 0 1 1\r\ny\r\ncas nope 0 0 1 1\r\ny\r\nget c\r\n",
                "set n 0 0 1 noreply\r\n1\r\nget n\r\n",
                "set a 0 0 1 garbage\r\nx\r\nget a\r\n",
                "set b 0 -1 1\r\nx\r\nget b\r\n",
                "set e 0 0 0\r\n\r\nget e\r\n",
                // retrieval
                "get a b c n e nope\r\n",
                "gets a nope\r\n",
                "get a\n",
                "gat 100 a nope\r\ngats 100 a\r\ngat 10\r\n",
                "gat abc a\r\n",
                // arithmetic
                "set num 5 0 2\r\n10\r\nincr num 5\r\ndecr num 100\r\nget num\r\n",
                "set num 0 0 2\r\n10\r\ndecr num 1\r\nget num\r\nincr num 91\r\nget num\r\n",
                "set max 0 0 20\r\n18446744073709551615\r\nincr max 1\r\nget max\r\n",
                "incr a 1\r\nincr nope 1\r\nincr num abc\r\nincr num -1\r\nincr num 18446744073709551616\r\n",
                "incr num 1 noreply\r\nget num\r\nincr num 1 2\r\n",
                // touch, delete
                "touch a 10\r\ntouch nope 10\r\ntouch a abc\r\ntouch a 10 noreply\r\n",
                "set d 0 0 1\r\nx\r\ndelete d\r\ndelete d\r\ndelete d 0\r\ndelete d 5\r\ndelete d noreply\r\n",
                "set d 0 0 1\r\nx\r\ndelete d 0 noreply\r\nget d\r\n",
                // server commands
                "verbosity 1\r\nverbosity 1 noreply\r\nverbosity abc\r\nverbosity\r\n",
                "verbosity foo bar my\r\nverbosity noreply\r\nversion foo bar\r\nversion noreply\r\n",
                "flush_all abc\r\nflush_all 0 noreply\r\nget a c\r\n",
                "set a 0 0 1\r\nx\r\nflush_all\r\nget a\r\nset a 0 0 1\r\ny\r\nget a\r\n",
                // errors
                "bogus\r\n\r\nSET a 0 0 1\r\nx\r\n",
                "get\r\ngets\r\ngat\r\nincr\r\ndecr a\r\ntouch a\r\ntouch a 1 2 3\r\nset x\r\ncas k 0 0 1\r\n",
                "set k 0 0 -1\r\nset k abc 0 1\r\nset k 0 0 1 noreply extra\r\nx\r\n",
                "cas a 0 0 1 abc\r\nx\r\n",
                // Apart: a failing multi-get in memcached drops replies still pending from earlier
                // commands of the same read, a quirk not worth copying.
                "set " + K251 + " 0 0 1\r\nx\r\n",
                "get a " + K251 + " a\r\n",
                "set a 0 0 3\r\nabcd\r\nget a\r\n",
                "set a 0 0 1\r\nx\r\nget " + "a ".repeat(100) + "\r\n",
                "stats reset\r\nstats bogus\r\nstats a b\r\nstats sizes\r\n",
                "shutdown\r\nshutdown graceful\r\ncache_memlimit abc\r\ncache_memlimit\r\ncache_memlimit 1\r\n",
                "cache_memlimit 64 noreply\r\ncache_memlimit 64\r\n",
                // meta commands
                "mn\r\n",
                "ms foo 2\r\nhi\r\nmg foo v\r\nmg foo\r\n",
                "ms foo 2 T90 F5 c k O123 s\r\nhi\r\n",
                "mg foo k v f t c s O9 h l\r\nmg foo c f t v k O1\r\n",
                "mg missing v\r\nmg missing v q\r\nmg missing v k O5\r\nmg foo q v\r\n",
                "ms foo 2 q\r\nyo\r\nms foo 2 MA\r\n!!\r\nmg foo v\r\nms foo 1 MP\r\n<\r\nmg foo v\r\n",
                "ms nope 1 MR\r\nx\r\nms foo 1 ME\r\nx\r\nms foo 1 C1\r\nx\r\nms foo 1 MX\r\nx\r\n",
                "ms foo abc\r\nx\r\nms foo\r\nmg\r\nmg foo zz\r\nmg foo v v v\r\n",
                "mg foo O" + "x".repeat(40) + "\r\nmg " + K251 + " v\r\n",
                "md foo q\r\nmd foo\r\nmd foo k O7\r\n",
                "ma cnt\r\nma cnt N0 J10 v\r\nma cnt v D5\r\nma cnt MD D100 v t\r\n",
                "ms num 2\r\n10\r\nma num v\r\nma num MD v\r\nms s 1\r\nx\r\nma s\r\n",
                "ms foo 2 T-1\r\nhi\r\nmg foo v\r\nmg foo k\r\nmg foo s\r\n",
                "ms Zm9v 3 b\r\nbar\r\nmg Zm9v b v k\r\nmg foo v\r\n",
                // stale-while-revalidate: N creates and wins (W), later readers see Z; R wins near expiry
                "mg sw1 s v N30 c\r\nmg sw1 s v N30\r\nmg sw1 k O1 h\r\n",
                "ms sw2 3 T100\r\nbar\r\nmg sw2 v R30\r\nmg sw2 v R200\r\nmg sw2 v R200\r\n"
                        + "ms sw2 3 T100\r\nnew\r\nmg sw2 R200 k q\r\nmg sw2 v R200 q\r\n",
                // invalidation: md I marks stale (X), the first reader wins; ms I with an older CAS stays stale
                "ms sw3 3\r\nabc\r\nmd sw3 I T30 q\r\nmg sw3 v\r\nmg sw3 v\r\nms sw3 3 I C1\r\nold\r\n"
                        + "mg sw3 v\r\nms sw3 3 I C18446744073709551615\r\nbig\r\nmg sw3 v\r\nms sw3 3\r\nnew\r\n"
                        + "mg sw3 v\r\n",
                "md nosuch I\r\nmd nosuch I q\r\nmd sw3 C1\r\nmd sw3 I C1\r\nmd sw3 I T0\r\nmg sw3 t v\r\n",
                "ms sw5 1 MR C1\r\nx\r\nms sw5 1 MA C1\r\nx\r\nms sw5 1\r\n5\r\nma sw5 C1 v\r\nma sw5 T0 v t\r\n"
                        + "ma sw5 Tx\r\nma sw5 Dx\r\nmd sw5 x\r\nms sw5 1 E5\r\nx\r\nmg sw5 E5\r\n",
                "mg sw1 N\r\nmg sw1 Rx\r\nmg sw1 Tx\r\nms sw1 2 Fx\r\nhi\r\nms sw1 2 Cx\r\nhi\r\n"
                        + "ms sw1 2 F4294967297\r\nhi\r\nmg sw1 f v\r\n");
    }

    /** Binary requests: each a list of packets, sent together, then a NOOP whose response ends the exchange. */
    static Stream<String> binaryScenarios() {
        return Stream.of(
                packet(0x01, "bk", extras(0, 0), "hello", 0) + packet(0x00, "bk", "", "", 0),          // set, get
                packet(0x0c, "bk", "", "", 0) + packet(0x0c, "missing", "", "", 0),                   // getk hit, miss
                packet(0x00, "missing", "", "", 0) + packet(0x09, "missing", "", "", 0),              // get miss, getq miss
                packet(0x02, "bk", extras(0, 0), "x", 0) + packet(0x03, "nope", extras(0, 0), "x", 0), // add exists, replace missing
                packet(0x11, "bq", extras(7, 0), "quiet", 0) + packet(0x0d, "bq", "", "", 0),          // setq, getkq
                packet(0x0e, "bk", "", " world", 0) + packet(0x0f, "bk", "", ">", 0) + packet(0x00, "bk", "", "", 0),
                packet(0x0e, "nope", "", "x", 0),                                                   // append missing
                packet(0x05, "cnt", incr(5, 10, 0), "", 0) + packet(0x05, "cnt", incr(5, 10, 0), "", 0)
                        + packet(0x06, "cnt", incr(100, 0, 0), "", 0),                             // incr creates, incr, decr
                packet(0x05, "nocreate", incr(1, 0, 0xFFFFFFFF), "", 0) + packet(0x05, "bk", incr(1, 0, 0), "", 0),
                packet(0x04, "bk", "", "", 0) + packet(0x04, "bk", "", "", 0),                        // delete hit, miss
                packet(0x1c, "cnt", "00000064", "", 0) + packet(0x1c, "nope", "00000064", "", 0),     // touch
                packet(0x1d, "cnt", "00000064", "", 0) + packet(0x23, "cnt", "00000064", "", 0),      // gat, gatk
                packet(0x01, "bk", extras(0, 0), "v", 12345) + packet(0x01, "nope", extras(0, 0), "v", 1), // set with bad cas
                packet(0x0b, "", "", "", 0),                                                        // version
                packet(0x45, "", "", "", 0),                                                        // unknown opcode
                packet(0x10, "sizes", "", "", 0) + packet(0x10, "bogus", "", "", 0),                // stat groups
                packet(0x10, "reset", "", "", 0),
                packet(0x08, "", "", "", 0) + packet(0x00, "cnt", "", "", 0));                      // flush
    }

    @Order(2)
    @ParameterizedTest(name = "binary {index}")
    @MethodSource("binaryScenarios")
    void sameBinaryResponsesAsMemcached(String requestHex) throws IOException {
        byte[] request = java.util.HexFormat.of().parseHex(requestHex + packet(0x0a, "", "", "", 0));
        assertThat(binaryMasked(binaryExchange(servers.larderPort(), request)))
                .isEqualTo(binaryMasked(binaryExchange(servers.memcachedPort(), request)));
    }

    private static String packet(int opcode, String key, String extrasHex, String value, long cas) {
        java.util.HexFormat hex = java.util.HexFormat.of();
        String keyHex = hex.formatHex(key.getBytes(ISO_8859_1));
        String valueHex = hex.formatHex(value.getBytes(ISO_8859_1));
        int body = extrasHex.length() / 2 + key.length() + value.length();
        return String.format("80%02x%04x%02x000000%08x%08x%016x", opcode, key.length(), extrasHex.length() / 2, body,
                0xCAFE0000 + opcode, cas) + extrasHex + keyHex + valueHex;
    }

    private static String extras(int flags, int exptime) {
        return String.format("%08x%08x", flags, exptime);
    }

    private static String incr(long delta, long initial, long exptime) {
        return String.format("%016x%016x%08x", delta, initial, exptime);
    }

    /**
     * Response packets as hex lines: magic to status, body length and opaque, then
     * "cas" or "nocas" instead of the CAS unique, then the body (the version's is not compared).
     */
    private static String binaryMasked(List<byte[]> responses) {
        StringBuilder out = new StringBuilder();
        for (byte[] r : responses) {
            String hex = java.util.HexFormat.of().formatHex(r);
            if (r.length < 24) {
                out.append(new String(r, ISO_8859_1)).append('\n');
                continue;
            }
            boolean version = r[1] == 0x0b;
            out.append(hex, 0, 16).append(' ').append(version ? "<len>" : hex.substring(16, 24)).append(' ')
                    .append(hex, 24, 32).append(' ')
                    .append(hex.substring(32, 48).equals("0000000000000000") ? "nocas" : "cas").append(' ')
                    .append(version ? "<version>" : hex.substring(48)).append('\n');
        }
        return out.toString();
    }

    /** Sends the packets and reads responses up to the NOOP's. */
    private static List<byte[]> binaryExchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            List<byte[]> responses = new ArrayList<>();
            while (true) {
                byte[] header = in.readNBytes(24);
                if (header.length < 24) {
                    responses.add("closed".getBytes(ISO_8859_1));
                    return responses;
                }
                int body = java.nio.ByteBuffer.wrap(header, 8, 4).getInt();
                byte[] packet = java.util.Arrays.copyOf(header, 24 + body);
                System.arraycopy(in.readNBytes(body), 0, packet, 24, body);
                responses.add(packet);
                if (header[1] == 0x0a) {
                    return responses;
                }
            }
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("scenarios")
    void sameRepliesAsMemcached(String request) throws IOException {
        String expected = exchange(servers.memcachedPort(), request);
        String actual = exchange(servers.larderPort(), request);
        assertThat(masked(actual)).isEqualTo(masked(expected));
    }

    private static String masked(String reply) {
        String masked = CAS_IN_VALUE.matcher(reply).replaceAll("$1 <cas>\r\n");
        masked = META_CAS.matcher(masked).replaceAll(" c<cas>");
        return VERSION.matcher(masked).replaceAll("VERSION <v>\r\n");
    }

    /** Sends the request and a version command, and reads until that version's reply. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((request + "version\r\n").getBytes(ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return reply.toString(ISO_8859_1) + "<closed>";
                }
                reply.write(b);
                String text = reply.toString(ISO_8859_1);
                if (text.endsWith("\r\n") && Pattern.compile("(^|\r\n)VERSION [^\r\n]*\r\n$").matcher(text).find()) {
                    return text;
                }
            }
        }
    }


}
