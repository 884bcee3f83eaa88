package dev.larder.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One client connection keeping {@code depth} requests in flight: each reply
 * is timed from its request's send and answered with a new request, until the
 * run is over; then it waits for what is in flight and closes.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {

    private final WireProtocol wire;
    private final Workload workload;
    private final Tally tally;
    private final int depth;
    private final BooleanSupplier keepGoing;
    private final SplittableRandom random;
    private final long[] sentAt;
    private int oldest;
    private int inFlight;
    private ByteBuf input = Unpooled.EMPTY_BUFFER;

    LoadConnection(WireProtocol wire, Workload workload, Tally tally, int depth, BooleanSupplier keepGoing,
                   long seed) {
        this.wire = wire;
        this.workload = workload;
        this.tally = tally;
        this.depth = depth;
        this.keepGoing = keepGoing;
        this.random = new SplittableRandom(seed);
        this.sentAt = new long[depth];
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf out = ctx.alloc().ioBuffer();
        while (inFlight < depth && keepGoing.getAsBoolean()) {
            request(out);
        }
        ctx.writeAndFlush(out);
    }

    private void request(ByteBuf out) {
        if (workload.nextIsGet(random)) {
            wire.writeGet(out, workload.nextKey(random));
        } else {
            wire.writeSet(out, workload.nextKey(random), workload.value());
        }
        sentAt[(oldest + inFlight) % depth] = System.nanoTime();
        inFlight++;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        input = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), input, (ByteBuf) msg);
        ByteBuf out = null;
        WireProtocol.Reply reply;
        while (inFlight > 0 && (reply = wire.read(input)) != WireProtocol.Reply.INCOMPLETE) {
            tally.count(reply, System.nanoTime() - sentAt[oldest]);
            oldest = (oldest + 1) % depth;
            inFlight--;
            if (keepGoing.getAsBoolean()) {
                if (out == null) {
                    out = ctx.alloc().ioBuffer();
                }
                request(out);
            }
        }
        if (out != null) {
            ctx.writeAndFlush(out);
        }
        if (!input.isReadable()) {
            input.release();
            input = Unpooled.EMPTY_BUFFER;
        } else {
            input.discardSomeReadBytes();
        }
        if (inFlight == 0) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        input.release();
        input = Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        tally.errors.increment();
        ctx.close();
    }
}
