package dev.larder.network.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

/** A connection's receive buffer, reused once the connection lets go of it and let go at its close. */
class KeptReceiveBufferTest {

    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final KeptReceiveBuffer receive = new KeptReceiveBuffer();
    private final RecvByteBufAllocator.Handle handle = receive.newHandle();

    @Test
    void aReadTakesTheBufferOfTheLastOneOnceItIsServed() {
        ByteBuf first = handle.allocate(alloc);
        first.writeBytes(new byte[] {1, 2, 3});
        first.release(); // served: the connection lets it go

        ByteBuf second = handle.allocate(alloc);

        assertThat(second).isSameAs(first);
        assertThat(second.refCnt()).isEqualTo(2);
        assertThat(second.readableBytes()).as("emptied for the read").isZero();
        assertThat(second.writableBytes()).isGreaterThanOrEqualTo(handle.guess());
        second.release();
        receive.release();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void aBufferTheConnectionStillHoldsIsLeftToIt() {
        ByteBuf held = handle.allocate(alloc); // part of a request, waiting for the rest

        ByteBuf next = handle.allocate(alloc);

        assertThat(next).isNotSameAs(held);
        assertThat(held.refCnt()).as("the connection's reference only").isEqualTo(1);
        held.release();
        assertThat(held.refCnt()).isZero();
        next.release();
        receive.release();
        assertThat(next.refCnt()).isZero();
    }

    @Test
    void theCloseLetsGoOfTheBufferWhoeverReleasesLast() {
        ByteBuf pending = handle.allocate(alloc); // a read still pending at the close

        receive.release();
        assertThat(pending.refCnt()).isEqualTo(1);
        pending.release();
        assertThat(pending.refCnt()).isZero();

        ByteBuf afterClose = handle.allocate(alloc);
        assertThat(afterClose.refCnt()).as("nothing is kept after the close").isEqualTo(1);
        afterClose.release();
    }

    @Test
    void aBufferSmallerThanTheGuessIsReplaced() {
        ByteBuf small = handle.allocate(alloc);
        int capacity = small.capacity();
        // A read that fills the buffer makes the guess grow.
        handle.reset(null);
        handle.attemptedBytesRead(capacity);
        handle.lastBytesRead(capacity);
        handle.readComplete();
        small.release();

        ByteBuf larger = handle.allocate(alloc);

        assertThat(handle.guess()).isGreaterThan(capacity);
        assertThat(larger).isNotSameAs(small);
        assertThat(small.refCnt()).isZero();
        assertThat(larger.capacity()).isGreaterThanOrEqualTo(handle.guess());
        larger.release();
        receive.release();
        assertThat(larger.refCnt()).isZero();
    }
}
