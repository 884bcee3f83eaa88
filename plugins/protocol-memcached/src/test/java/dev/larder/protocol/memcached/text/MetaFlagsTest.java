package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** A meta command's flags: which are allowed, duplicates, opaque length, and their values. */
class MetaFlagsTest {

    private static final byte[] INVALID = "CLIENT_ERROR invalid flag\r\n".getBytes(US_ASCII);
    private static final byte[] DUPLICATE = "CLIENT_ERROR duplicate flag\r\n".getBytes(US_ASCII);

    private final Tokens tokens = new Tokens();
    private final MetaFlags flags = new MetaFlags(tokens);

    private byte[] parse(String line, String allowed) {
        ByteBuf buf = Unpooled.copiedBuffer(line, US_ASCII);
        tokens.split(buf, 0, buf.writerIndex());
        return flags.parse(2, allowed, INVALID, DUPLICATE);
    }

    @Test
    void acceptsAllowedFlagsInTheirOrderAndReadsTheirValues() {
        assertThat(parse("mg key v T90 Oab c", "vTOck")).isNull();
        assertThat(flags.first()).isEqualTo(2);
        assertThat(flags.count()).isEqualTo(6);
        assertThat(flags.letter(3)).isEqualTo('T');
        assertThat(flags.has('v')).isTrue();
        assertThat(flags.has('k')).isFalse();
        assertThat(flags.value('O').toString(US_ASCII)).isEqualTo("ab");
        assertThat(flags.value('v').readableBytes()).as("a flag without a token").isZero();
        assertThat(flags.value('k')).isNull();
        assertThat(flags.number('T', -7)).isEqualTo(90);
        assertThat(flags.number('k', -7)).as("absent").isEqualTo(-7);
    }

    @Test
    void refusesFlagsNotAllowedAndFlagsGivenTwice() {
        assertThat(parse("mg key v x", "v")).isSameAs(INVALID);
        assertThat(parse("mg key v v", "v")).isSameAs(DUPLICATE);
        assertThat(parse("mg key", "v")).as("no flags at all").isNull();
    }

    @Test
    void refusesAnOpaqueLongerThanMemcachedAllows() {
        String longest = "O" + "x".repeat(MetaFlags.MAX_OPAQUE);
        assertThat(parse("mn key " + longest, "O")).isNull();
        assertThat(parse("mn key " + longest + "x", "O")).isSameAs(Replies.OPAQUE_TOO_LONG);
    }

    @Test
    void readsNumbersSignedAndUnsignedAndSaysWhenOneIsMalformed() {
        assertThat(parse("ma key N-1 D12x C18446744073709551615 J7", "NDCJ")).isNull();
        assertThat(flags.number('N', 0)).isEqualTo(-1);
        assertThat(flags.number('D', 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(flags.unsigned('C', 0)).as("2^64 - 1").isEqualTo(-1L);
        assertThat(flags.unsigned('J', 0)).isEqualTo(7);
        assertThat(flags.unsigned('q', 5)).isEqualTo(5);
        assertThatThrownBy(() -> flags.unsigned('D', 0)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void readsANumberAsJavasParserDoesWithoutMakingAString() {
        String[] numbers = {"0", "-0", "+5", "-1", "90", "9223372036854775807", "-9223372036854775807",
            "9223372036854775808", "99999999999999999999", "", "-", "+", "1x", "x1", "1-2", "--1", "00012"};
        for (String number : numbers) {
            assertThat(parse("mg key T" + number, "T")).isNull();
            assertThat(flags.number('T', 0)).as("T%s", number).isEqualTo(parsedByJava(number));
        }
    }

    private static long parsedByJava(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
