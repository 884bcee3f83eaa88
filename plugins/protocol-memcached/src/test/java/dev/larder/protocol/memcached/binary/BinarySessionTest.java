package dev.larder.protocol.memcached.binary;

import static dev.larder.protocol.memcached.binary.BinaryPackets.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.protocol.memcached.FakeConnection;
import dev.larder.protocol.memcached.ProtocolUnderTest;
import dev.larder.protocol.memcached.binary.BinaryPackets.Request;
import dev.larder.protocol.memcached.binary.BinaryPackets.Response;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ItemStore;
import dev.larder.storage.memory.StoreInvariants;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every binary opcode and status, served over the real store as the network drives a session. */
class BinarySessionTest {

    private final ItemStore store = StoreInvariants.newStore(16L << 20);
    private final FakeConnection conn = new FakeConnection();
    private final Map<String, String> settings = new HashMap<>(Map.of("max_item_size", "64k"));
    private ProtocolSession session;
    private Outcome outcome;

    @AfterEach
    void checkTheStoreAndClose() {
        StoreInvariants.check(store);
        StoreInvariants.close(store);
    }

    /** Sends the requests in one write and returns every response they caused. */
    private List<Response> exchange(Request... requests) {
        if (session == null) {
            session = ProtocolUnderTest.over(store, settings).open(conn);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Request r : requests) {
            bytes.writeBytes(r.bytes());
        }
        outcome = conn.send(session, bytes.toByteArray());
        return BinaryPackets.responses(conn.replyBytes());
    }

    private Response one(Request request) {
        List<Response> responses = exchange(request);
        assertThat(responses).hasSize(1);
        return responses.get(0);
    }

    private static Request set(String key, String value) {
        return request(Opcode.SET).flagsAndExpiry(0, 0).key(key).value(value);
    }

    @Test
    void setThenGetAnswersTheValueFlagsCasAndTheRequestsOpaque() {
        Response stored = one(request(Opcode.SET).flagsAndExpiry(0xCAFE, 0).key("k").value("hello").opaque(7));
        assertThat(stored.status()).isEqualTo(Status.SUCCESS.code);
        assertThat(stored.opaque()).isEqualTo(7);
        assertThat(stored.cas()).isPositive();

        Response got = one(request(Opcode.GET).key("k").opaque(8));
        assertThat(got.opcode()).isEqualTo(Opcode.GET);
        assertThat(got.valueText()).isEqualTo("hello");
        assertThat(got.flags()).isEqualTo(0xCAFE);
        assertThat(got.key()).as("GET answers without the key").isEmpty();
        assertThat(got.cas()).isEqualTo(stored.cas());
        assertThat(got.opaque()).isEqualTo(8);

        Response withKey = one(request(Opcode.GETK).key("k"));
        assertThat(withKey.key()).isEqualTo("k");
        assertThat(withKey.valueText()).isEqualTo("hello");
    }

    @Test
    void aMissIsNotFoundButQuietGetsSayNothingUntilTheNoopThatEndsThePipeline() {
        assertThat(one(request(Opcode.GET).key("nope")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
        Response missWithKey = one(request(Opcode.GETK).key("nope"));
        assertThat(missWithKey.status()).isEqualTo(Status.KEY_NOT_FOUND.code);
        assertThat(missWithKey.key()).isEqualTo("nope");

        exchange(set("a", "1"));
        List<Response> pipeline = exchange(request(Opcode.GETQ).key("nope"), request(Opcode.GETKQ).key("a"),
                request(Opcode.GETQ).key("a"), request(Opcode.NOOP));
        assertThat(pipeline).extracting(Response::opcode).containsExactly(Opcode.GETKQ, Opcode.GETQ, Opcode.NOOP);
        assertThat(pipeline.get(0).key()).isEqualTo("a");
        assertThat(pipeline.get(1).valueText()).isEqualTo("1");
    }

    @Test
    void addReplaceAndCasAnswerAsMemcached() {
        long cas = one(set("k", "one")).cas();
        assertThat(one(request(Opcode.ADD).flagsAndExpiry(0, 0).key("k").value("x")).status())
                .isEqualTo(Status.KEY_EXISTS.code);
        assertThat(one(request(Opcode.REPLACE).flagsAndExpiry(0, 0).key("none").value("x")).status())
                .isEqualTo(Status.KEY_NOT_FOUND.code);
        assertThat(one(request(Opcode.SET).flagsAndExpiry(0, 0).key("k").value("x").cas(cas + 100)).status())
                .as("a stale CAS").isEqualTo(Status.KEY_EXISTS.code);
        assertThat(one(request(Opcode.SET).flagsAndExpiry(0, 0).key("none").value("x").cas(5)).status())
                .as("a CAS on a missing key").isEqualTo(Status.KEY_NOT_FOUND.code);
        assertThat(one(request(Opcode.SET).flagsAndExpiry(0, 0).key("k").value("two").cas(cas)).status())
                .isEqualTo(Status.SUCCESS.code);

        assertThat(exchange(request(Opcode.ADDQ).flagsAndExpiry(0, 0).key("new").value("n"),
                request(Opcode.REPLACEQ).flagsAndExpiry(0, 0).key("k").value("three"),
                request(Opcode.SETQ).flagsAndExpiry(0, 0).key("s").value("q"))).as("quiet successes").isEmpty();
        assertThat(exchange(request(Opcode.ADDQ).flagsAndExpiry(0, 0).key("new").value("n")))
                .extracting(Response::status).as("a quiet failure still answers").containsExactly(Status.KEY_EXISTS.code);
        assertThat(one(request(Opcode.GET).key("k")).valueText()).isEqualTo("three");
        assertThat(one(request(Opcode.GET).key("s")).valueText()).isEqualTo("q");
    }

    @Test
    void appendAndPrependJoinValuesAndNeedAnItem() {
        exchange(set("k", "mid"));
        assertThat(exchange(request(Opcode.APPEND).key("k").value(">"), request(Opcode.PREPEND).key("k").value("<"),
                request(Opcode.APPENDQ).key("k").value("]"), request(Opcode.PREPENDQ).key("k").value("[")))
                .extracting(Response::status).containsExactly(0, 0);
        assertThat(one(request(Opcode.GET).key("k")).valueText()).isEqualTo("[<mid>]");
        assertThat(one(request(Opcode.APPEND).key("none").value("x")).status()).isEqualTo(Status.NOT_STORED.code);
    }

    @Test
    void deleteHonoursCasAndQuietness() {
        long cas = one(set("k", "v")).cas();
        assertThat(one(request(Opcode.DELETE).key("k").cas(cas + 1)).status()).isEqualTo(Status.KEY_EXISTS.code);
        assertThat(one(request(Opcode.DELETE).key("k").cas(cas)).status()).isEqualTo(Status.SUCCESS.code);
        assertThat(one(request(Opcode.DELETE).key("k")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
        exchange(set("k", "v"));
        assertThat(exchange(request(Opcode.DELETEQ).key("k"))).isEmpty();
        assertThat(one(request(Opcode.DELETEQ).key("k")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
    }

    @Test
    void incrementAndDecrementCreateCountAndRefuseWhatIsNotANumber() {
        Response created = one(request(Opcode.INCREMENT).key("n").arithmetic(5, 40, 0));
        assertThat(created.number()).as("created with the initial value").isEqualTo(40);
        assertThat(one(request(Opcode.INCREMENT).key("n").arithmetic(5, 40, 0)).number()).isEqualTo(45);
        assertThat(one(request(Opcode.DECREMENT).key("n").arithmetic(50, 0, 0)).number())
                .as("a decrement stops at zero").isZero();
        assertThat(exchange(request(Opcode.INCREMENTQ).key("n").arithmetic(3, 0, 0),
                request(Opcode.DECREMENTQ).key("n").arithmetic(1, 0, 0))).isEmpty();
        // As memcached, a number that gets shorter in place is padded with spaces.
        assertThat(one(request(Opcode.GET).key("n")).valueText()).isEqualTo("2 ");

        assertThat(one(request(Opcode.INCREMENT).key("none").arithmetic(1, 0, -1)).status())
                .as("an expiry of all ones creates nothing").isEqualTo(Status.KEY_NOT_FOUND.code);
        exchange(set("text", "abc"));
        assertThat(one(request(Opcode.INCREMENT).key("text").arithmetic(1, 0, 0)).status())
                .isEqualTo(Status.NON_NUMERIC.code);
        assertThat(one(request(Opcode.INCREMENT).key("n").arithmetic(1, 0, 0).cas(1)).status())
                .as("a stale CAS").isEqualTo(Status.KEY_EXISTS.code);
    }

    @Test
    void touchAndGetAndTouchAnswerTheItemAndTheirQuietAndKeyForms() {
        long cas = one(request(Opcode.SET).flagsAndExpiry(9, 0).key("k").value("v")).cas();
        Response touched = one(request(Opcode.TOUCH).expiry(100).key("k"));
        assertThat(touched.flags()).isEqualTo(9);
        assertThat(touched.value()).isEmpty();
        assertThat(touched.cas()).isEqualTo(cas);
        assertThat(one(request(Opcode.TOUCH).expiry(100).key("none")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);

        assertThat(one(request(Opcode.GAT).expiry(100).key("k")).valueText()).isEqualTo("v");
        assertThat(one(request(Opcode.GATK).expiry(100).key("k")).key()).isEqualTo("k");
        assertThat(one(request(Opcode.GAT).expiry(100).key("none")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
        assertThat(exchange(request(Opcode.GATQ).expiry(100).key("none"), request(Opcode.GATKQ).expiry(100).key("k")))
                .extracting(Response::key).containsExactly("k");
        int longAgo = 30 * 24 * 3600 + 1; // over 30 days is a Unix time: this one is in 1970
        assertThat(one(request(Opcode.GAT).expiry(longAgo).key("k")).valueText()).as("answered, then expired")
                .isEqualTo("v");
        assertThat(one(request(Opcode.GET).key("k")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
    }

    @Test
    void aLargeValueGoesOutByReferenceFromGetAndGetAndTouch() {
        String big = "b".repeat(20_000);
        exchange(set("big", big));
        conn.byReferenceThreshold = 10_000;
        assertThat(one(request(Opcode.GETK).key("big")).valueText()).isEqualTo(big);
        assertThat(one(request(Opcode.GAT).expiry(0).key("big")).valueText()).isEqualTo(big);
        assertThat(conn.bytesByReference).isEqualTo(2L * big.length());
        assertThat(conn.bytesCopied).isZero();
    }

    @Test
    void flushEmptiesTheCacheQuietlyOrNotAndIsRefusedUnderMinusF() {
        exchange(set("a", "1"), set("b", "2"));
        assertThat(one(request(Opcode.FLUSH)).status()).isEqualTo(Status.SUCCESS.code);
        assertThat(one(request(Opcode.GET).key("a")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
        exchange(set("a", "1"));
        assertThat(exchange(request(Opcode.FLUSHQ).expiry(0))).isEmpty();
        assertThat(one(request(Opcode.GET).key("a")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
    }

    @Test
    void underMinusFFlushIsAnAuthFailure() {
        settings.put("flush_enabled", "false");
        exchange(set("a", "1"));
        assertThat(one(request(Opcode.FLUSH)).status()).isEqualTo(Status.AUTH_ERROR.code);
        assertThat(one(request(Opcode.GET).key("a")).valueText()).isEqualTo("1");
    }

    @Test
    void noopVersionQuitAndAnUnknownOpcode() {
        assertThat(one(request(Opcode.NOOP)).status()).isZero();
        assertThat(one(request(Opcode.VERSION)).valueText()).matches("\\d+\\.\\d+\\.\\d+.*");
        Response unknown = one(request(0x50));
        assertThat(unknown.status()).isEqualTo(Status.UNKNOWN_COMMAND.code);
        assertThat(unknown.valueText()).isEqualTo("Unknown command");
        assertThat(outcome).as("an unknown command keeps the connection").isEqualTo(Outcome.SERVED);

        assertThat(one(request(Opcode.QUIT)).status()).isZero();
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void quietQuitClosesWithoutAWord() {
        assertThat(exchange(request(Opcode.QUITQ))).isEmpty();
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void statAnswersAPacketPerStatisticThenAnEmptyOne() {
        exchange(set("a", "1"), request(Opcode.GET).key("a"), request(Opcode.GET).key("b"));
        List<Response> general = exchange(request(Opcode.STAT));
        Map<String, String> stats = general.stream().filter(r -> !r.key().isEmpty())
                .collect(Collectors.toMap(Response::key, Response::valueText));
        assertThat(stats).containsEntry("get_hits", "1").containsEntry("get_misses", "1")
                .containsEntry("cmd_set", "1").containsEntry("curr_items", "1").containsKey("pid");
        Response last = general.get(general.size() - 1);
        assertThat(last.key()).isEmpty();
        assertThat(last.value()).isEmpty();

        assertThat(exchange(request(Opcode.STAT).key("settings"))).extracting(Response::key).contains("maxbytes", "");
        assertThat(one(request(Opcode.STAT).key("nonsense")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
        assertThat(one(request(Opcode.STAT).key("reset")).status()).isZero();
        assertThat(exchange(request(Opcode.STAT)).stream().filter(r -> r.key().equals("get_hits")))
                .extracting(Response::valueText).containsExactly("0");
    }

    @Test
    void statDetailSwitchesOnDumpsAndSwitchesOff() {
        assertThat(one(request(Opcode.STAT).key("detail on")).status()).isZero();
        exchange(set("user:1", "x"), request(Opcode.GET).key("user:1"), request(Opcode.DELETE).key("user:2"));
        List<Response> dump = exchange(request(Opcode.STAT).key("detail dump"));
        assertThat(dump).hasSize(2);
        assertThat(dump.get(0).key()).isEqualTo("detailed");
        assertThat(dump.get(0).valueText()).contains("PREFIX user get 1 hit 1 set 1 del 1");
        assertThat(one(request(Opcode.STAT).key("detail off")).status()).isZero();
        assertThat(one(request(Opcode.STAT).key("detail sideways")).status()).isEqualTo(Status.KEY_NOT_FOUND.code);
    }

    static List<Request> badLayouts() {
        return List.of(
                request(Opcode.GET).key("k").extras(new byte[4]),
                request(Opcode.GET),
                request(Opcode.GETK).key("k").value("v"),
                request(Opcode.GAT).key("k"),
                request(Opcode.TOUCH).expiry(0),
                request(Opcode.SET).key("k").value("v"),
                request(Opcode.SET).flagsAndExpiry(0, 0).value("v"),
                request(Opcode.APPEND).key("k").expiry(0).value("v"),
                request(Opcode.DELETE).key("k").value("v"),
                request(Opcode.INCREMENT).key("k").expiry(0),
                request(Opcode.FLUSH).key("k"),
                request(Opcode.FLUSH).extras(new byte[8]),
                request(Opcode.NOOP).key("k"),
                request(Opcode.VERSION).value("v"),
                request(Opcode.STAT).expiry(0));
    }

    @ParameterizedTest
    @MethodSource("badLayouts")
    void aRequestWhoseLayoutDoesNotFitItsOpcodeIsInvalidAndCloses(Request bad) {
        Response answer = one(bad);
        assertThat(answer.status()).isEqualTo(Status.INVALID_ARGUMENTS.code);
        assertThat(answer.valueText()).isEqualTo("Invalid arguments");
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void lengthsThatCannotBeAreInvalidAndClose() {
        assertThat(one(request(Opcode.GET).key("k".repeat(251))).status()).isEqualTo(Status.INVALID_ARGUMENTS.code);
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void aKeyLongerThanTheBodyIsInvalidAndCloses() {
        assertThat(one(request(Opcode.GET).key("key").bodyLength(2)).status()).isEqualTo(Status.INVALID_ARGUMENTS.code);
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void aBodyBeyondTwoGigabytesIsInvalidAndCloses() {
        assertThat(one(request(Opcode.SET).flagsAndExpiry(0, 0).key("k").bodyLength(0xFFFF_FFF0L)).status())
                .isEqualTo(Status.INVALID_ARGUMENTS.code);
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void aPacketWithoutTheRequestMagicClosesWithoutAnAnswer() {
        exchange(request(Opcode.NOOP)); // the first byte chose the binary protocol
        assertThat(exchange(request(Opcode.NOOP).magic(0x81))).isEmpty();
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }

    @Test
    void aValueOverTheItemSizeIsRefusedRemovesTheOldValueAndIsThrownAwayAsItArrives() {
        exchange(set("k", "old"));
        byte[] whole = request(Opcode.SET).flagsAndExpiry(0, 0).key("k").value(new byte[100_000]).bytes();
        ByteArrayOutputStream firstPart = new ByteArrayOutputStream();
        firstPart.write(whole, 0, 40_000);
        outcome = conn.send(session, firstPart.toByteArray());
        List<Response> refused = BinaryPackets.responses(conn.replyBytes());
        assertThat(refused).extracting(Response::status).containsExactly(Status.TOO_LARGE.code);
        assertThat(refused.get(0).valueText()).isEqualTo("Too large.");
        assertThat(outcome).isEqualTo(Outcome.NEEDS_INPUT);

        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(whole, 40_000, whole.length - 40_000);
        rest.writeBytes(request(Opcode.GET).key("k").bytes());
        outcome = conn.send(session, rest.toByteArray());
        assertThat(BinaryPackets.responses(conn.replyBytes())).extracting(Response::status)
                .as("the old value is gone, and the next request is served").containsExactly(Status.KEY_NOT_FOUND.code);
    }

    @Test
    void aRequestTheInputBudgetCannotHoldIsOutOfMemory() {
        exchange(request(Opcode.NOOP));
        conn.inputBudgetLeft = false;
        byte[] whole = request(Opcode.SETQ).flagsAndExpiry(0, 0).key("k").value(new byte[30_000]).bytes();
        outcome = conn.send(session, java.util.Arrays.copyOf(whole, 1_000));
        assertThat(BinaryPackets.responses(conn.replyBytes())).extracting(Response::status)
                .containsExactly(Status.OUT_OF_MEMORY.code);
        assertThat(conn.largestReserved).isEqualTo(whole.length);
    }

    @Test
    void aRequestSplitAcrossReadsWaitsForTheRest() {
        byte[] whole = set("k", "value").bytes();
        exchange(request(Opcode.NOOP));
        assertThat(conn.send(session, java.util.Arrays.copyOf(whole, 10))).isEqualTo(Outcome.NEEDS_INPUT);
        assertThat(conn.send(session, java.util.Arrays.copyOfRange(whole, 10, 30))).isEqualTo(Outcome.NEEDS_INPUT);
        assertThat(conn.replyBytes().readableBytes()).isZero();
        conn.send(session, java.util.Arrays.copyOfRange(whole, 30, whole.length));
        assertThat(BinaryPackets.responses(conn.replyBytes())).extracting(Response::status).containsExactly(0);
    }

    @Test
    void withAnAuthFileOnlySaslPlainWithAGoodPasswordLetsCommandsIn(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice:secret\n");
        settings.put("auth_file", users.toString());
        assertThat(one(request(Opcode.GET).key("k")).status()).isEqualTo(Status.AUTH_ERROR.code);
        assertThat(one(request(Opcode.SASL_LIST_MECHS)).valueText()).isEqualTo("PLAIN");
        assertThat(one(request(Opcode.SASL_AUTH).key("PLAIN").value("\0alice\0wrong")).status())
                .isEqualTo(Status.AUTH_ERROR.code);
        assertThat(one(request(Opcode.SASL_AUTH).key("PLAIN").value("bob\0alice\0secret")).status())
                .as("acting as another user").isEqualTo(Status.AUTH_ERROR.code);
        assertThat(one(request(Opcode.SASL_AUTH).key("CRAM-MD5").value("\0alice\0secret")).status())
                .isEqualTo(Status.AUTH_ERROR.code);
        assertThat(one(request(Opcode.SASL_STEP).key("PLAIN").value("\0alice\0secret")).status())
                .isEqualTo(Status.AUTH_ERROR.code);
        assertThat(one(request(Opcode.SET).flagsAndExpiry(0, 0).key("k").value("v")).status())
                .isEqualTo(Status.AUTH_ERROR.code);

        Response in = one(request(Opcode.SASL_AUTH).key("PLAIN").value("alice\0alice\0secret"));
        assertThat(in.status()).isZero();
        assertThat(in.valueText()).isEqualTo("Authenticated");
        assertThat(one(set("k", "v")).status()).isZero();
        assertThat(one(request(Opcode.GET).key("k")).valueText()).isEqualTo("v");
    }

    @Test
    void withoutAnAuthFileSaslIsAnUnknownCommand() {
        assertThat(one(request(Opcode.SASL_LIST_MECHS)).status()).isEqualTo(Status.UNKNOWN_COMMAND.code);
    }

    @Test
    void underMinusBBinaryATextRequestClosesTheConnection() {
        settings.put("binding_protocol", "binary");
        session = ProtocolUnderTest.over(store, settings).open(conn);
        outcome = conn.send(session, "get a_key_longer_than_a_header\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(conn.replyBytes().readableBytes()).isZero();
        assertThat(outcome).isEqualTo(Outcome.CLOSE);
    }
}
