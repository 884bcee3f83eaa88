package dev.larder.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One client connection of an open-loop run: requests leave on a fixed schedule
 * whether or not the replies have come, and each reply's latency counts from
 * when its request was due, not from when it left, so a server that stalls is
 * charged for every request that waited behind the stall (no coordinated
 * omission). Its event loop's {@link Pacers} tick sends what has fallen due.
 */
final class PacedConnection extends ChannelInboundHandlerAdapter implements Pacers.Paced {

    private final WireProtocol wire;
    private final Workload workload;
    private final Tally tally;
    private final long intervalNanos;
    private final BooleanSupplier keepGoing;
    private final SplittableRandom random;
    /** When each request in flight was due, oldest first: a ring that grows when the server falls behind. */
    private long[] dueAt = new long[1024];
    private int oldest;
    private int inFlight;
    private long nextDue;
    private boolean sending = true;
    private ChannelHandlerContext ctx;
    private final Pacers pacers;
    private ByteBuf input = Unpooled.EMPTY_BUFFER;

    PacedConnection(WireProtocol wire, Workload workload, Tally tally, Pacers pacers, double requestsPerSecond,
                    BooleanSupplier keepGoing, long seed) {
        this.pacers = pacers;
        this.wire = wire;
        this.workload = workload;
        this.tally = tally;
        this.intervalNanos = Math.max(1, (long) (1e9 / requestsPerSecond));
        this.keepGoing = keepGoing;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Connections start spread over one interval, so that they do not all send at the same instant.
        nextDue = System.nanoTime() + random.nextLong(intervalNanos);
        this.ctx = ctx;
        pacers.join(ctx.executor(), this);
    }

    @Override
    public boolean sendDue(long now) {
        if (!sending || !ctx.channel().isActive()) {
            return false;
        }
        if (!keepGoing.getAsBoolean()) {
            sending = false;
            if (inFlight == 0) {
                ctx.close();
            }
            return false;
        }
        ByteBuf out = null;
        while (nextDue <= now) {
            if (out == null) {
                out = ctx.alloc().ioBuffer();
            }
            if (workload.nextIsGet(random)) {
                wire.writeGet(out, workload.nextKey(random));
            } else {
                wire.writeSet(out, workload.nextKey(random), workload.value());
            }
            remember(nextDue);
            nextDue += intervalNanos;
        }
        if (out != null) {
            ctx.writeAndFlush(out);
        }
        return true;
    }

    private void remember(long due) {
        if (inFlight == dueAt.length) {
            long[] larger = new long[dueAt.length * 2];
            for (int i = 0; i < inFlight; i++) {
                larger[i] = dueAt[(oldest + i) % dueAt.length];
            }
            dueAt = larger;
            oldest = 0;
        }
        dueAt[(oldest + inFlight) % dueAt.length] = due;
        inFlight++;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        input = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), input, (ByteBuf) msg);
        WireProtocol.Reply reply;
        while (inFlight > 0 && (reply = wire.read(input)) != WireProtocol.Reply.INCOMPLETE) {
            tally.count(reply, System.nanoTime() - dueAt[oldest]);
            oldest = (oldest + 1) % dueAt.length;
            inFlight--;
        }
        if (!input.isReadable()) {
            input.release();
            input = Unpooled.EMPTY_BUFFER;
        } else {
            input.discardSomeReadBytes();
        }
        if (!sending && inFlight == 0) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sending = false;
        input.release();
        input = Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        tally.errors.increment();
        ctx.close();
    }
}
