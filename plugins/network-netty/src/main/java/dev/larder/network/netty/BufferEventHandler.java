package dev.larder.network.netty;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection as a bufferevent. The bytes Netty reads become the input the
 * protocol parses (appended only when a request is split across reads); each
 * response is one exact reservation written after its request is served; a
 * whole read's responses go out with one flush when the read is done.
 */
final class BufferEventHandler extends ChannelInboundHandlerAdapter implements Connection {

    private static final Logger log = LoggerFactory.getLogger(BufferEventHandler.class);

    private final long id;
    private final ProtocolSessionFactory protocols;
    private final ArrayDeque<ByteBuf> reserved = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    private ProtocolSession session;
    private ByteBuf input = Unpooled.EMPTY_BUFFER;
    private boolean closeRequested;

    BufferEventHandler(long id, ProtocolSessionFactory protocols) {
        this.id = id;
        this.protocols = protocols;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        session = protocols.open(this);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (closeRequested) {
            data.release();
            return;
        }
        input = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(context.alloc(), input, data);
        serve();
    }

    /** Serves every whole request in the input. */
    private void serve() {
        while (input.isReadable() && !closeRequested) {
            int before = input.readerIndex();
            Outcome outcome = session.serveOne(this);
            writeReserved();
            if (outcome == Outcome.CLOSE) {
                closeAfterWrite();
            } else if (outcome == Outcome.NEEDS_INPUT || input.readerIndex() == before) {
                break;
            }
        }
        if (closeRequested) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        if (!input.isReadable()) {
            input.release();
            input = Unpooled.EMPTY_BUFFER;
        } else {
            input.discardSomeReadBytes();
        }
    }

    private void writeReserved() {
        ByteBuf response;
        while ((response = reserved.poll()) != null) {
            ctx.write(response, ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        context.flush();
        context.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        input.release();
        input = Unpooled.EMPTY_BUFFER;
        reserved.forEach(ByteBuf::release);
        reserved.clear();
        if (session != null) {
            session.closed();
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Connection {} failed: {}", id, cause.toString());
        } else {
            log.warn("Connection {} closed after an internal error", id, cause);
        }
        context.close();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx.channel().remoteAddress();
    }

    @Override
    public ByteBuf input() {
        return input;
    }

    @Override
    public ByteBuf reserve(int size) {
        // Capacity fixed at the size asked for: a response that miscounts fails loudly in tests.
        ByteBuf response = ctx.alloc().ioBuffer(size, size);
        reserved.add(response);
        return response;
    }

    @Override
    public void closeAfterWrite() {
        closeRequested = true;
    }
}
