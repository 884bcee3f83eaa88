package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A round's first response goes in the buffer of the last round's first, once the socket has sent it. */
class RoundBatchTest {

    private final List<ByteBuf> handedOn = new ArrayList<>();
    private final RoundBatch batch = new RoundBatch(new UnpooledByteBufAllocator(true), handedOn::add);

    @Test
    void aRoundReusesTheBufferTheSocketHasSent() {
        ByteBuf first = serveRound(100);
        first.release(); // sent

        ByteBuf second = serveRound(120);

        assertThat(second).isSameAs(first);
        assertThat(second.readableBytes()).as("only this round's response").isEqualTo(120);
        second.release();
        batch.close();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void aBufferTheSocketStillHoldsIsLeftToIt() {
        ByteBuf unsent = serveRound(100);

        ByteBuf next = serveRound(100);

        assertThat(next).isNotSameAs(unsent);
        assertThat(unsent.readableBytes()).as("its response untouched").isEqualTo(100);
        unsent.release();
        assertThat(unsent.refCnt()).as("no longer kept").isZero();
        next.release();
        batch.close();
        assertThat(next.refCnt()).isZero();
    }

    @Test
    void aLargerResponseTakesALargerBufferAndKeepsIt() {
        ByteBuf small = serveRound(100);
        small.release();

        ByteBuf larger = serveRound(3000);
        larger.release();
        ByteBuf again = serveRound(2000);

        assertThat(larger).isNotSameAs(small);
        assertThat(small.refCnt()).isZero();
        assertThat(larger.capacity()).isEqualTo(4096);
        assertThat(again).isSameAs(larger);
        again.release();
        batch.close();
        assertThat(again.refCnt()).isZero();
    }

    @Test
    void aResponseOverTheKeptSizeHasABufferOfItsOwn() {
        ByteBuf large = serveRound(RoundBatch.KEPT_MAX + 1);

        assertThat(large.capacity()).isEqualTo(RoundBatch.KEPT_MAX + 1);
        large.release();
        assertThat(large.refCnt()).as("not kept").isZero();
        batch.close();
    }

    @Test
    void theCloseLetsGoOfTheKeptBufferOnceTheSocketDoes() {
        ByteBuf unsent = serveRound(100);

        batch.close();

        assertThat(unsent.refCnt()).isEqualTo(1);
        unsent.release();
        assertThat(unsent.refCnt()).isZero();
    }

    @Test
    void whileTheSocketHoldsOutputTheFirstResponseHasABufferOfExactlyItsSize() {
        ByteBuf exact = serveRound(100, false);

        assertThat(exact.capacity()).isEqualTo(100);
        exact.release();
        assertThat(exact.refCnt()).as("not kept").isZero();
        batch.close();
    }

    @Test
    void theKeptBufferHoldsTheRoundsFirstResponseOnly() {
        batch.begin(true);
        batch.reserve(3).writeBytes(new byte[] {'<', 'a', '>'});
        batch.reserve(3).writeBytes(new byte[] {'<', 'b', '>'});
        batch.finish();

        assertThat(handedOn).extracting(buf -> buf.toString(US_ASCII)).containsExactly("<a>", "<b>");
        handedOn.forEach(ByteBuf::release);
        batch.close();
    }

    private ByteBuf serveRound(int size) {
        return serveRound(size, true);
    }

    /** One round of one response of {@code size} bytes; returns the buffer handed on, as Netty would get it. */
    private ByteBuf serveRound(int size, boolean nothingPending) {
        handedOn.clear();
        batch.begin(nothingPending);
        batch.reserve(size).writeZero(size);
        batch.finish();
        assertThat(handedOn).hasSize(1);
        return handedOn.get(0);
    }
}
