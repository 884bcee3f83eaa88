package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Reads a plain epoll connection's bytes into one buffer per event loop instead
 * of a pooled buffer per read. The protocol parses them there; what a round
 * leaves unparsed (a request split across reads) is copied out to the
 * connection's own input before the loop reads the next connection.
 *
 * <p>The buffer is never freed: each read hands it out with one more reference,
 * which the connection's release gives back.
 */
final class InputScratch extends DefaultMaxMessagesRecvByteBufAllocator {

    static final int CAPACITY = 64 * 1024;

    private static final FastThreadLocal<ByteBuf> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
            return OutputScratch.PERMANENT.directBuffer(CAPACITY, CAPACITY);
        }

        @Override
        protected void onRemoval(ByteBuf buffer) {
            buffer.release(buffer.refCnt());
        }
    };

    /** Whether this buffer is the calling event loop's read buffer. */
    static boolean isScratch(ByteBuf buffer) {
        return buffer == PER_LOOP.get();
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                return PER_LOOP.get().clear().retain();
            }

            @Override
            public int guess() {
                return CAPACITY;
            }
        };
    }
}
