package dev.larder.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Sets every key of the workload once, over one connection, so gets hit from the first second. */
final class Prefill extends ChannelInboundHandlerAdapter {

    private static final int WINDOW = 256;

    private final WireProtocol wire;
    private final Workload workload;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int next;
    private int answered;
    private ByteBuf input = Unpooled.EMPTY_BUFFER;

    Prefill(WireProtocol wire, Workload workload) {
        this.wire = wire;
        this.workload = workload;
    }

    void run(EventLoopGroup loops, SslContext ssl, String host, int port) throws Exception {
        LoadCommand.bootstrap(loops, ssl, this).connect(host, port).sync();
        done.get(10, TimeUnit.MINUTES);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, WINDOW);
    }

    private void send(ChannelHandlerContext ctx, int count) {
        ByteBuf out = ctx.alloc().ioBuffer();
        for (int i = 0; i < count && next < workload.keySpace(); i++) {
            wire.writeSet(out, workload.key(next++), workload.value());
        }
        ctx.writeAndFlush(out);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        input = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), input, (ByteBuf) msg);
        int before = answered;
        while (wire.read(input) != WireProtocol.Reply.INCOMPLETE) {
            answered++;
        }
        input.discardSomeReadBytes();
        if (answered == workload.keySpace()) {
            input.release();
            input = Unpooled.EMPTY_BUFFER;
            ctx.close();
            done.complete(null);
        } else if (answered > before) {
            send(ctx, answered - before);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        done.completeExceptionally(cause);
        ctx.close();
    }
}
