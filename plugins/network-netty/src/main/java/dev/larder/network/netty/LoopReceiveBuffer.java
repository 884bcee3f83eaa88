package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;

/**
 * Receive buffers where {@link InputScratch} cannot be used (io_uring, whose reads
 * stay pending while the loop serves others; TLS; NIO), reused instead of a new
 * one from the allocator for each read (about a twentieth of the server's user
 * time under memaslap, text 100 B on io_uring). A connection reads into the buffer of its last read once it has let
 * go of it; when its socket is drained (the read loop ends) the buffer goes back
 * to the event loop, whose next read on any connection takes it. So a busy
 * connection keeps one buffer, and an idle one only what its pending read holds,
 * as before.
 *
 * <p>A buffer the connection still holds (part of a request waits for the rest)
 * is left to it. Sizes follow Netty's adaptive guess: a buffer smaller than the
 * guess is let go. The loop keeps at most {@link #LOOP_MAX} buffers.
 */
final class LoopReceiveBuffer implements RecvByteBufAllocator {

    static final int LOOP_MAX = 16;

    private static final AdaptiveRecvByteBufAllocator SIZES = new AdaptiveRecvByteBufAllocator();

    /** Each loop's free buffers, with the loop's reference; the last given back on top. */
    private static final FastThreadLocal<ArrayDeque<ByteBuf>> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<ByteBuf> initialValue() {
            return new ArrayDeque<>(LOOP_MAX);
        }

        @Override
        protected void onRemoval(ArrayDeque<ByteBuf> free) {
            free.forEach(ByteBuf::release);
            free.clear();
        }
    };

    @Override
    public Handle newHandle() {
        return new LoopHandle((ExtendedHandle) SIZES.newHandle());
    }

    /** The connection closed: its buffer goes once whoever holds it lets go. */
    static void closed(Channel channel) {
        if (channel.unsafe().recvBufAllocHandle() instanceof LoopHandle handle) {
            handle.close();
        }
    }

    /** Lets go of the calling thread's free buffers now; an event loop's go when its thread ends. */
    static void letGoOfThisThreads() {
        PER_LOOP.remove();
    }

    /** Netty's adaptive handle, but for where its buffers come from. */
    private static final class LoopHandle extends DelegatingHandle implements ExtendedHandle {

        /** The buffer of this connection's last read, with this handle's reference; null between read loops. */
        private ByteBuf current;
        private boolean closed;

        LoopHandle(ExtendedHandle sizes) {
            super(sizes);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            int guess = guess();
            if (current != null) {
                if (current.refCnt() == 1 && current.capacity() >= guess) {
                    return current.clear().retain();
                }
                letGo();
            }
            ByteBuf taken = fromLoop(guess);
            ByteBuf buffer = taken != null ? taken.clear() : alloc.ioBuffer(guess);
            if (!closed) {
                current = buffer.retain();
            }
            return buffer;
        }

        /** A free buffer of the loop's at least this large, with the loop's reference; null if none. */
        private static ByteBuf fromLoop(int guess) {
            ArrayDeque<ByteBuf> free = PER_LOOP.get();
            ByteBuf top = free.pollLast();
            if (top != null && top.capacity() < guess) {
                top.release();
                return null;
            }
            return top;
        }

        @Override
        public void readComplete() {
            super.readComplete();
            if (current == null) {
                return;
            }
            ArrayDeque<ByteBuf> free = PER_LOOP.get();
            if (current.refCnt() == 1 && free.size() < LOOP_MAX) {
                free.addLast(current); // the handle's reference becomes the loop's
            } else {
                current.release();
            }
            current = null;
        }

        void close() {
            closed = true;
            letGo();
        }

        private void letGo() {
            if (current != null) {
                current.release();
                current = null;
            }
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
        }
    }
}
