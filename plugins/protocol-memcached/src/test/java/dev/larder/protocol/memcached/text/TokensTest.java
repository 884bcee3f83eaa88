package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a command line in place, and reading its numbers as memcached does. */
class TokensTest {

    private final Tokens tokens = new Tokens();

    private List<String> split(String line) {
        ByteBuf buf = Unpooled.copiedBuffer(line, US_ASCII);
        tokens.split(buf, 0, buf.writerIndex());
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.count(); i++) {
            words.add(tokens.slice(i).toString(US_ASCII));
        }
        return words;
    }

    @Test
    void splitsOnRunsOfSpacesAndIgnoresLeadingAndTrailingOnes() {
        assertThat(split("set k 0 0 5")).containsExactly("set", "k", "0", "0", "5");
        assertThat(split("  get   a  b   ")).containsExactly("get", "a", "b");
        assertThat(split("")).isEmpty();
        assertThat(split("     ")).isEmpty();
        assertThat(split("version")).containsExactly("version");
    }

    @Test
    void growsPastEightTokensAndSplitsOnlyTheRangeGiven() {
        assertThat(split("get 1 2 3 4 5 6 7 8 9 10")).hasSize(11).endsWith("9", "10");
        ByteBuf buf = Unpooled.copiedBuffer("xxget a b\r\nyy", US_ASCII);
        tokens.split(buf, 2, 9);
        assertThat(tokens.count()).isEqualTo(3);
        assertThat(tokens.slice(2).toString(US_ASCII)).isEqualTo("b");
        assertThat(tokens.start(0)).isEqualTo(2);
        assertThat(tokens.length(0)).isEqualTo(3);
    }

    @Test
    void comparesWholeTokensAndTheLastOnesPrefix() {
        split("delete key noreply");
        assertThat(tokens.is(0, "delete".getBytes(US_ASCII))).isTrue();
        assertThat(tokens.is(0, "del".getBytes(US_ASCII))).isFalse();
        assertThat(tokens.is(3, "x".getBytes(US_ASCII))).as("past the last token").isFalse();
        assertThat(tokens.endsWith("norep".getBytes(US_ASCII))).isTrue();
        assertThat(tokens.endsWith("noreplyy".getBytes(US_ASCII))).isFalse();
        split("");
        assertThat(tokens.endsWith("n".getBytes(US_ASCII))).isFalse();
    }

    @Test
    void readsUnsignedNumbersRefusingSignsBlanksLettersAndOverflow() {
        split("0 42 9223372036854775807 9223372036854775808 -1 +1 1a 12345678901234567890");
        assertThat(tokens.unsigned(0)).isZero();
        assertThat(tokens.unsigned(1)).isEqualTo(42);
        assertThat(tokens.unsigned(2)).isEqualTo(Long.MAX_VALUE);
        assertThat(tokens.unsigned(3)).as("2^63 overflows").isEqualTo(-1);
        assertThat(tokens.unsigned(4)).isEqualTo(-1);
        assertThat(tokens.unsigned(5)).isEqualTo(-1);
        assertThat(tokens.unsigned(6)).isEqualTo(-1);
        assertThat(tokens.unsigned(7)).as("twenty digits").isEqualTo(-1);
    }

    @Test
    void readsSignedNumbersAndLeavesTheTokenAsItWas() {
        split("-1 -9223372036854775807 17 - -x");
        assertThat(tokens.signed(0)).isEqualTo(-1);
        assertThat(tokens.signed(1)).isEqualTo(-Long.MAX_VALUE);
        assertThat(tokens.signed(2)).isEqualTo(17);
        assertThat(tokens.signed(3)).isEqualTo(Long.MIN_VALUE);
        assertThat(tokens.signed(4)).isEqualTo(Long.MIN_VALUE);
        assertThat(tokens.slice(0).toString(US_ASCII)).as("the sign is still there").isEqualTo("-1");
    }

    @Test
    void followsTheLineWhenItMovesToAnotherBuffer() {
        split("get abc");
        ByteBuf moved = Unpooled.copiedBuffer("....get abc", US_ASCII);
        tokens.moved(moved, 4);
        assertThat(tokens.slice(1).toString(US_ASCII)).isEqualTo("abc");
        assertThat(tokens.is(0, "get".getBytes(US_ASCII))).isTrue();
    }
}
