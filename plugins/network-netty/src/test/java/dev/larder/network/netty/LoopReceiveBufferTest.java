package dev.larder.network.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Receive buffers reused by a connection while it reads, and by its event loop's other connections after. */
class LoopReceiveBufferTest {

    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final LoopReceiveBuffer receive = new LoopReceiveBuffer();

    @AfterEach
    void letGoOfTheLoops() {
        LoopReceiveBuffer.letGoOfThisThreads();
    }

    @Test
    void aConnectionReadsAgainIntoTheBufferItLetGoOf() {
        RecvByteBufAllocator.Handle handle = receive.newHandle();
        ByteBuf first = handle.allocate(alloc);
        first.writeBytes(new byte[] {1, 2, 3});
        first.release(); // served: the connection lets it go

        ByteBuf second = handle.allocate(alloc);

        assertThat(second).isSameAs(first);
        assertThat(second.readableBytes()).as("emptied for the read").isZero();
        assertThat(second.writableBytes()).isGreaterThanOrEqualTo(handle.guess());
        second.release();
        handle.readComplete();
    }

    @Test
    void aDrainedConnectionGivesItsBufferToTheLoopsNextRead() {
        RecvByteBufAllocator.Handle idle = receive.newHandle();
        RecvByteBufAllocator.Handle next = receive.newHandle();
        ByteBuf read = idle.allocate(alloc);
        read.release();
        idle.readComplete(); // the socket is drained: the connection keeps nothing

        ByteBuf taken = next.allocate(alloc);

        assertThat(taken).isSameAs(read);
        assertThat(taken.refCnt()).as("the read's and the connection's").isEqualTo(2);
        taken.release();
        next.readComplete();
    }

    @Test
    void aBufferTheConnectionStillHoldsIsLeftToIt() {
        RecvByteBufAllocator.Handle handle = receive.newHandle();
        ByteBuf held = handle.allocate(alloc); // part of a request, waiting for the rest

        ByteBuf next = handle.allocate(alloc);
        handle.readComplete();

        assertThat(next).isNotSameAs(held);
        assertThat(held.refCnt()).as("the connection's reference only").isEqualTo(1);
        held.release();
        assertThat(held.refCnt()).isZero();
        next.release();
    }

    @Test
    void aBufferSmallerThanTheGuessIsLetGo() {
        RecvByteBufAllocator.Handle handle = receive.newHandle();
        ByteBuf small = handle.allocate(alloc);
        int capacity = small.capacity();
        // A read that fills the buffer makes the guess grow.
        handle.reset(null);
        handle.attemptedBytesRead(capacity);
        handle.lastBytesRead(capacity);
        small.release();
        handle.readComplete();

        ByteBuf larger = handle.allocate(alloc);

        assertThat(handle.guess()).isGreaterThan(capacity);
        assertThat(larger).isNotSameAs(small);
        assertThat(small.refCnt()).isZero();
        assertThat(larger.capacity()).isGreaterThanOrEqualTo(handle.guess());
        larger.release();
        handle.readComplete();
    }

    @Test
    void theLoopKeepsABoundedNumberOfBuffers() {
        ByteBuf[] reads = new ByteBuf[LoopReceiveBuffer.LOOP_MAX + 1];
        RecvByteBufAllocator.Handle[] handles = new RecvByteBufAllocator.Handle[reads.length];
        for (int i = 0; i < reads.length; i++) { // as many connections reading at once
            handles[i] = receive.newHandle();
            reads[i] = handles[i].allocate(alloc);
        }
        for (int i = 0; i < reads.length; i++) {
            reads[i].release();
            handles[i].readComplete();
        }

        assertThat(reads[reads.length - 1].refCnt()).as("one more than the loop keeps is freed").isZero();
        for (int i = 0; i < LoopReceiveBuffer.LOOP_MAX; i++) {
            assertThat(reads[i].refCnt()).as("kept by the loop").isEqualTo(1);
        }
        LoopReceiveBuffer.letGoOfThisThreads();
        for (ByteBuf read : reads) {
            assertThat(read.refCnt()).isZero();
        }
    }

    @Test
    void theCloseLetsGoOfTheBufferWhoeverReleasesLast() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setRecvByteBufAllocator(receive);
        RecvByteBufAllocator.Handle handle = channel.unsafe().recvBufAllocHandle();
        ByteBuf pending = handle.allocate(alloc); // a read still pending at the close

        LoopReceiveBuffer.closed(channel);
        assertThat(pending.refCnt()).as("the pending read's").isEqualTo(1);
        pending.release();
        assertThat(pending.refCnt()).isZero();

        ByteBuf afterClose = handle.allocate(alloc);
        assertThat(afterClose.refCnt()).as("nothing is kept after the close").isEqualTo(1);
        afterClose.release();
        channel.finishAndReleaseAll();
    }
}
