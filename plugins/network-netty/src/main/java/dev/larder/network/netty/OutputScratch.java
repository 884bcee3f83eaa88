package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;

/**
 * One output buffer per event loop, lent to one plain (not TLS) epoll connection
 * at a time for a round of serving: its responses are reserved in it and written
 * to the socket with one system call at the end of the round, as memcached does.
 *
 * <p>That skips, for each response, a pooled buffer, an entry in Netty's outbound
 * queue and the pipeline's write and flush; under memaslap's one-request-per-read
 * load those, with a pooled buffer per read (see {@link InputScratch}), were about
 * 40% of the server's user time. Whatever the socket does
 * not take at once goes to Netty's queue as usual, so back-pressure and ordering
 * are unchanged: a round lends the buffer only when that queue is empty.
 */
final class OutputScratch {

    /** Enough for a batch of pipelined small responses; a larger one is written out and the buffer reused. */
    static final int CAPACITY = 64 * 1024;

    /** Allocates the scratch buffers, which live as long as their event loop: not watched for leaks. */
    static final ByteBufAllocator PERMANENT = new UnpooledByteBufAllocator(true, true);

    private static final FastThreadLocal<OutputScratch> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected OutputScratch initialValue() {
            return new OutputScratch();
        }

        @Override
        protected void onRemoval(OutputScratch scratch) {
            scratch.buffer.release();
        }
    };

    private final ByteBuf buffer = PERMANENT.directBuffer(CAPACITY, CAPACITY);
    private boolean lent;

    private OutputScratch() {
    }

    /** Whether a channel's writes can bypass its pipeline: plain TCP over epoll, nothing in between. */
    static boolean usableBy(Channel channel, boolean tls) {
        return !tls && channel instanceof EpollSocketChannel;
    }

    /** The calling event loop's buffer, empty, or null when it is already lent (never in practice). */
    static OutputScratch borrow() {
        OutputScratch scratch = PER_LOOP.get();
        if (scratch.lent) {
            return null;
        }
        scratch.lent = true;
        return scratch;
    }

    /** Gives the buffer back emptied, as the next round expects it. */
    void giveBack() {
        buffer.clear();
        lent = false;
    }

    ByteBuf buffer() {
        return buffer;
    }

    /**
     * Writes what the buffer holds to the channel's socket; returns how many bytes
     * the socket took (0 when its send buffer is full) and leaves the rest readable.
     */
    int writeTo(Channel channel) throws IOException {
        FileDescriptor socket = ((EpollSocketChannel) channel).fd();
        int from = buffer.readerIndex();
        int to = buffer.writerIndex();
        int written = buffer.hasMemoryAddress()
                ? socket.writeAddress(buffer.memoryAddress(), from, to)
                : socket.write(buffer.internalNioBuffer(from, to - from), from, to);
        buffer.skipBytes(written);
        return written;
    }
}
