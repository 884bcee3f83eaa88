package dev.larder.network.netty;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection as a bufferevent. The bytes Netty reads become the input the
 * protocol parses (appended only when a request is split across reads); each
 * response is one exact reservation, with large values chained beside it by
 * reference; a round of serving ends with one flush. On a plain epoll
 * connection the round's responses are reserved in the event loop's write
 * buffer and that flush is one write to the socket (see {@link ScratchRound}).
 *
 * <p>A round stops early when fair sharing says to yield (the rest is served by
 * a task queued behind the other connections' events, without a new read), or
 * when the connection must be held back: its output passed the high-water mark
 * or the server's {@link OutputBudget}, or direct memory is near its cap. Either
 * way the socket is not read meanwhile ({@link ReadSwitch}), so the input held is
 * the request in progress (beyond 16 KiB taken from the {@link InputBudget}) and
 * one read.
 */
final class BufferEventHandler extends ChannelInboundHandlerAdapter implements Connection {

    private static final Logger log = LoggerFactory.getLogger(BufferEventHandler.class);

    private final long id;
    private final ProtocolSessionFactory protocols;
    private final ConnectionRegistry registry;
    private final FairShare fairShare;
    private final OutputBudget outputBudget;
    private final int byReferenceThreshold;
    private final boolean tls;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final ConnectionOutput output = new ConnectionOutput(counters);
    private final long openedMillis = System.currentTimeMillis();
    private ChannelHandlerContext ctx;
    private ProtocolSession session;
    private final ConnectionInput input;
    private final ActivityClock activity;
    private boolean closeRequested;
    private ReadSwitch reads;
    private final OutputCharge outputCharge;
    /** A check of direct memory is scheduled, to release a connection held back for it. */
    private boolean memoryCheckScheduled;

    BufferEventHandler(long id, ProtocolSessionFactory protocols, ConnectionRegistry registry, FairShare fairShare,
                       InputBudget inputBudget, OutputBudget outputBudget, int byReferenceThreshold, boolean tls,
                       Clock clock) {
        this.id = id;
        this.protocols = protocols;
        this.registry = registry;
        this.fairShare = fairShare;
        this.input = new ConnectionInput(inputBudget);
        this.outputBudget = outputBudget;
        this.outputCharge = new OutputCharge(outputBudget, this::outputPending, this::tryRelease);
        this.byReferenceThreshold = byReferenceThreshold;
        this.tls = tls;
        this.activity = new ActivityClock(clock);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.outputCharge.attach(context);
        this.output.attach(context);
        this.reads = new ReadSwitch(context.channel().config());
        registry.opened(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        session = protocols.open(this);
        output.useScratch(OutputScratch.usableBy(context.channel(), tls), this::closeAfterWrite);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (closeRequested) {
            data.release();
            return;
        }
        counters.bytesRead += data.readableBytes();
        input.append(context.alloc(), data);
        counters.inputNow(input.buffer().readableBytes());
        try {
            if (reads.open()) {
                serve();
            }
        } finally {
            if (output.usesScratch()) { // only plain epoll reads into the loop's buffer
                input.keepUnservedFromScratch(context.alloc());
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        output.flush();
        context.fireChannelReadComplete();
    }

    /** Serves the whole requests in the input, or a fair share of them. */
    private void serve() {
        if (DirectMemory.nearCap()) {
            holdBack(HoldReason.MEMORY);
            return;
        }
        boolean inScratch = output.beginRound();
        try {
            serveRequests();
            output.finishRound(inScratch);
        } finally {
            output.endRound(inScratch);
        }
        counters.outputNow(outputPending());
        outputCharge.account();
        if (closeRequested) {
            output.flushAndClose();
        }
        input.afterRound(ctx.alloc());
    }

    private void serveRequests() {
        int served = 0;
        long start = 0;
        ByteBuf in = input.buffer();
        while (in.isReadable() && !closeRequested) {
            long pending = outputPending();
            if (!ctx.channel().isWritable()) {
                holdBack(HoldReason.WRITABILITY);
                break;
            }
            if (outputBudget.mustHold(pending)) {
                holdBack(HoldReason.OUTPUT_BUDGET);
                break;
            }
            if (served == 1) {
                // The time slice runs from the end of the first request: a read that brings one request,
                // the usual case, costs no clock reading.
                start = System.nanoTime();
            }
            FairShare.Yield why = fairShare.shouldYield(served, start, pending);
            if (why != null) {
                yieldLoop(why);
                break;
            }
            int before = in.readerIndex();
            Outcome outcome = session.serveOne(this);
            output.writeServed();
            served++;
            if (outcome != Outcome.NEEDS_INPUT) {
                activity.active();
            }
            if (input.receivingLargeRequest() && (outcome == Outcome.SERVED || outcome == Outcome.CLOSE)) {
                input.giveBack(); // the request it was taken for has been served
            }
            if (outcome == Outcome.CLOSE) {
                closeAfterWrite();
            } else if (outcome == Outcome.NEEDS_INPUT || (outcome == Outcome.SERVED && in.readerIndex() == before)) {
                break;
            }
        }
    }

    /**
     * Lets the event loop serve the others; the rest of the input is served by a
     * task queued behind them. Meanwhile the socket is not read.
     */
    private void yieldLoop(FairShare.Yield why) {
        reads.yielded(true);
        counters.yields++;
        fairShare.counted(why);
        output.flush();
        // Scheduled, not executed: the loop runs queued tasks until its budget (up to a second) is spent,
        // so a plain task would resume at once; a scheduled one waits for the loop's next round of I/O.
        ctx.executor().schedule(this::resume, 0, TimeUnit.NANOSECONDS);
    }

    private void resume() {
        if (!ctx.channel().isActive()) {
            return;
        }
        reads.endYield(() -> {
            if (!reads.heldBack()) { // else it is served when released
                serve();
                output.flush();
            }
        });
    }

    /** Why a connection is held back: it is neither served nor read until the reason has passed. */
    private enum HoldReason { WRITABILITY, OUTPUT_BUDGET, MEMORY }

    private void holdBack(HoldReason why) {
        reads.heldBack(true);
        output.flush();
        switch (why) {
            case WRITABILITY -> { } // released by channelWritabilityChanged
            case OUTPUT_BUDGET -> {
                outputBudget.counted();
                outputCharge.account();
                outputCharge.watchDrain(); // released once what waits has been written
            }
            case MEMORY -> scheduleMemoryCheck();
        }
    }

    /** Serves a held-back connection again once nothing holds it: its output drained, memory came back. */
    private void tryRelease() {
        if (!reads.heldBack() || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().isWritable() || outputBudget.mustHold(outputPending())) {
            return;
        }
        if (DirectMemory.nearCap()) {
            scheduleMemoryCheck();
            return;
        }
        reads.heldBack(false);
        if (!reads.yielded()) {
            serve();
            output.flush();
        }
    }

    private void scheduleMemoryCheck() {
        if (!memoryCheckScheduled) {
            memoryCheckScheduled = true;
            ctx.executor().schedule(() -> {
                memoryCheckScheduled = false;
                tryRelease();
            }, 10, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        activity.active();
        outputCharge.account();
        if (context.channel().isWritable()) {
            tryRelease();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        input.release();
        outputCharge.release();
        output.release();
        if (session != null) {
            session.closed();
        }
        registry.closed(this);
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            log.debug("Connection {} failed: {}", id, cause.toString());
        } else {
            log.warn("Connection {} closed after an error: {}", id, cause.toString());
            log.debug("Connection {} error", id, cause);
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
        return input.buffer();
    }

    @Override
    public ByteBuf reserve(int size) {
        return output.reserve(size);
    }

    @Override
    public boolean reserveInput(int requestBytes) {
        return input.reserve(requestBytes);
    }

    @Override
    public boolean sendsByReference(int valueLength) {
        return valueLength >= byReferenceThreshold;
    }

    @Override
    public void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
        output.copyValue(reservation, source, index, length);
    }

    @Override
    public void chain(ByteBuf data) {
        output.chain(data);
    }

    @Override
    public void closeAfterWrite() {
        closeRequested = true;
    }

    // What the registry, the idle sweep and the statistics ask of a connection.

    EventExecutor executor() {
        return ctx.executor();
    }

    ConnectionCounters counters() {
        return counters;
    }

    /** When the connection was last active, in epoch milliseconds (see {@link ActivityClock}). */
    long lastActivityMillis() {
        return activity.lastActiveMillis();
    }

    /** Whether a large request is on its way in: not idle, as memcached does not time out a value being read. */
    boolean receivingLargeRequest() {
        return input.receivingLargeRequest();
    }

    long inputBuffered() {
        return input.buffer().readableBytes();
    }

    long outputPending() {
        return output.pending();
    }

    ChannelFuture close() {
        return ctx.channel().close();
    }

    /** Writes out what is pending; the future completes when it has gone. */
    ChannelFuture flushPending() {
        return ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER);
    }

    ConnectionInfo info() {
        return new ConnectionInfo(id, Addresses.describe(ctx.channel().remoteAddress()),
                Addresses.describe(ctx.channel().localAddress()),
                session == null ? "unknown" : session.protocolName(), tls, openedMillis,
                activity.lastActiveMillis(), counters.bytesRead, counters.bytesWritten,
                inputBuffered(), counters.inputPeak, outputPending(), counters.outputPeak, counters.reservations,
                counters.bytesCopied, counters.flushes, counters.yields,
                outputPending() > 0 ? "conn_mwrite" : session == null ? "conn_new_cmd" : session.state());
    }
}
