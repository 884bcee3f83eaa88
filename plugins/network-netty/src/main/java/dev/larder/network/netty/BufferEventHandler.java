package dev.larder.network.netty;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
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
    private final InputBudget inputBudget;
    private final OutputBudget outputBudget;
    private final int byReferenceThreshold;
    private final boolean tls;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final ArrayDeque<ByteBuf> output = new ArrayDeque<>(4);
    private final long openedMillis = System.currentTimeMillis();
    private ChannelHandlerContext ctx;
    private ProtocolSession session;
    private ByteBuf input = Unpooled.EMPTY_BUFFER;
    private boolean closeRequested;
    private ReadSwitch reads;
    private boolean unflushed;
    /** Taken from the {@link InputBudget} for the request being received; given back once it is served. */
    private long inputHeld;
    /** The size of the request being received, when it was reserved; 0 otherwise. */
    private int expectedInput;
    /** Charged to the {@link OutputBudget} for what waits to be written. */
    private long outputCharged;
    /** A marker is queued behind the output; when it is written, the charge is looked at again. */
    private boolean drainWatched;
    /** A check of direct memory is scheduled, to release a connection held back for it. */
    private boolean memoryCheckScheduled;
    /** Rounds in the event loop's write buffer; null where that is not possible (TLS, NIO). */
    private ScratchRound scratchRound;
    /**
     * Counts requests served and output drained, not reads: as memcached, a client
     * that only dribbles bytes of a command is idle. The idle sweep turns a change
     * in it into {@link #lastActivityNanos}, its tick. Opening counts as activity.
     */
    private long activity = 1;
    private long activitySeen;
    private long lastActivityNanos = System.nanoTime();

    BufferEventHandler(long id, ProtocolSessionFactory protocols, ConnectionRegistry registry, FairShare fairShare,
                       InputBudget inputBudget, OutputBudget outputBudget, int byReferenceThreshold, boolean tls) {
        this.id = id;
        this.protocols = protocols;
        this.registry = registry;
        this.fairShare = fairShare;
        this.inputBudget = inputBudget;
        this.outputBudget = outputBudget;
        this.byReferenceThreshold = byReferenceThreshold;
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.reads = new ReadSwitch(context.channel().config());
        registry.opened(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        session = protocols.open(this);
        if (OutputScratch.usableBy(context.channel(), tls)) {
            scratchRound = new ScratchRound(context, counters, this::queue, this::closeAfterWrite);
        }
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
        input = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(context.alloc(), input, data);
        counters.inputNow(input.readableBytes());
        try {
            if (reads.open()) {
                serve();
            }
        } finally {
            if (scratchRound != null && InputScratch.isScratch(input)) { // only plain epoll reads into it
                keepUnserved();
            }
        }
    }

    /** Copies what is left of the input out of the loop's read buffer before the loop reads into it again. */
    private void keepUnserved() {
        ByteBuf kept = input.isReadable() ? ctx.alloc().buffer(Math.max(input.readableBytes(), expectedInput))
                : Unpooled.EMPTY_BUFFER;
        kept.writeBytes(input);
        input.release();
        input = kept;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        flush();
        context.fireChannelReadComplete();
    }

    /** Serves the whole requests in the input, or a fair share of them. */
    private void serve() {
        if (DirectMemory.nearCap()) {
            holdBack(HoldReason.MEMORY);
            return;
        }
        boolean inScratch = scratchRound != null && !unflushed && outputPending() == 0;
        if (inScratch) {
            scratchRound.begin();
        }
        try {
            serveRequests();
            if (inScratch) {
                scratchRound.finish();
            }
        } finally {
            if (inScratch) {
                scratchRound.abandon(); // a no-op after finish(); if serving failed, nothing is sent
            }
        }
        counters.outputNow(outputPending());
        accountOutput();
        if (closeRequested) {
            unflushed = false;
            counters.flushes++;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        if (!input.isReadable()) {
            input.release();
            input = Unpooled.EMPTY_BUFFER;
        } else {
            input.discardSomeReadBytes();
            sizeForExpectedRequest();
        }
    }

    private void serveRequests() {
        int served = 0;
        long start = 0;
        while (input.isReadable() && !closeRequested) {
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
            int before = input.readerIndex();
            Outcome outcome = session.serveOne(this);
            writeOutput();
            served++;
            if (outcome != Outcome.NEEDS_INPUT) {
                activity++;
            }
            if (inputHeld > 0 && (outcome == Outcome.SERVED || outcome == Outcome.CLOSE)) {
                giveBackInput(); // the request it was taken for has been served
            }
            if (outcome == Outcome.CLOSE) {
                closeAfterWrite();
            } else if (outcome == Outcome.NEEDS_INPUT || (outcome == Outcome.SERVED && input.readerIndex() == before)) {
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
        flush();
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
                flush();
            }
        });
    }

    /** Why a connection is held back: it is neither served nor read until the reason has passed. */
    private enum HoldReason { WRITABILITY, OUTPUT_BUDGET, MEMORY }

    private void holdBack(HoldReason why) {
        reads.heldBack(true);
        flush();
        switch (why) {
            case WRITABILITY -> { } // released by channelWritabilityChanged
            case OUTPUT_BUDGET -> {
                outputBudget.counted();
                accountOutput();
                watchDrain(); // released once what waits has been written
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
            flush();
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
        activity++;
        accountOutput();
        if (context.channel().isWritable()) {
            tryRelease();
        }
        context.fireChannelWritabilityChanged();
    }

    /**
     * Charges what waits to be written to the {@link OutputBudget} (nothing while
     * it is under the free part), and while it is charged, watches it drain.
     */
    private void accountOutput() {
        long charge = OutputBudget.chargeFor(outputPending());
        outputBudget.change(charge - outputCharged);
        outputCharged = charge;
        if (charge > 0) {
            watchDrain();
        }
    }

    /**
     * Queues a marker behind what waits to be written; once it has gone, the
     * charge is looked at again and a connection held back for it is released.
     * Handled as a task of its own: the marker may go at once, in the middle of a round.
     */
    private void watchDrain() {
        if (drainWatched || !ctx.channel().isActive()) {
            return;
        }
        drainWatched = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> ctx.executor().execute(() -> {
            drainWatched = false;
            accountOutput();
            tryRelease();
        }));
    }

    private void giveBackInput() {
        inputBudget.giveBack(inputHeld);
        inputHeld = 0;
        expectedInput = 0;
    }

    /**
     * Gives the input room for the whole request it waits for, at once: grown a
     * read at a time it would end in a buffer up to twice the request's size.
     * (The event loop's read buffer is sized when what it holds is kept.)
     */
    private void sizeForExpectedRequest() {
        if (expectedInput > input.readableBytes() + input.writableBytes() && !InputScratch.isScratch(input)) {
            ByteBuf sized = ctx.alloc().buffer(expectedInput);
            sized.writeBytes(input);
            input.release();
            input = sized;
        }
    }

    private void writeOutput() {
        ByteBuf response;
        while ((response = output.poll()) != null) {
            queue(response);
        }
    }

    private void queue(ByteBuf response) {
        counters.bytesWritten += response.readableBytes();
        ctx.write(response, ctx.voidPromise());
        unflushed = true;
    }

    private void flush() {
        if (unflushed) {
            unflushed = false;
            counters.flushes++;
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        input.release();
        input = Unpooled.EMPTY_BUFFER;
        giveBackInput();
        outputBudget.change(-outputCharged);
        outputCharged = 0;
        output.forEach(ByteBuf::release);
        output.clear();
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
        return input;
    }

    @Override
    public ByteBuf reserve(int size) {
        ByteBuf inScratch = scratchRound == null ? null : scratchRound.reserve(size);
        if (inScratch != null) {
            counters.reservations++;
            return inScratch;
        }
        // Capacity fixed at the size asked for: a response that miscounts fails loudly in tests.
        ByteBuf response = ctx.alloc().ioBuffer(size, size);
        counters.reservations++;
        output.add(response);
        return response;
    }

    @Override
    public boolean reserveInput(int requestBytes) {
        long needed = Math.max(0, (long) requestBytes - InputBudget.FREE_PER_CONNECTION);
        if (needed <= inputHeld) {
            return true;
        }
        if (!inputBudget.tryTake(needed - inputHeld, inputHeld)) {
            return false;
        }
        inputHeld = needed;
        expectedInput = requestBytes;
        return true;
    }

    @Override
    public boolean sendsByReference(int valueLength) {
        return valueLength >= byReferenceThreshold;
    }

    @Override
    public void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
        // Copied by the source: from one direct buffer to another that is a plain memory copy, where the
        // reservation's own setBytes would first make an NIO view of the value.
        source.getBytes(index, reservation, reservation.writerIndex(), length);
        reservation.writerIndex(reservation.writerIndex() + length);
        counters.bytesCopied += length;
    }

    @Override
    public void chain(ByteBuf data) {
        if (scratchRound != null) {
            scratchRound.handOver();
        }
        counters.bytesByReference += data.readableBytes();
        output.add(data);
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

    /**
     * When the connection was last seen active: by the sweep at {@code nowNanos}
     * if it read or drained since the sweep before. Costs a request no clock
     * reading; a second's precision is what the idle timer and {@code stats conns} need.
     */
    long lastActivityNanos(long nowNanos) {
        if (activity != activitySeen) {
            activitySeen = activity;
            lastActivityNanos = nowNanos;
        }
        return lastActivityNanos;
    }

    /**
     * How long ago the last request was served, as memcached's once-a-second
     * clock tells it: the sweeps are the ticks, so 0 if since the last sweep, else
     * counted from the tick before the sweep that noticed it. Read from other
     * threads, so without updating.
     */
    private long idleNanos() {
        if (activity != activitySeen) {
            return 0;
        }
        return System.nanoTime() - lastActivityNanos + 1_000_000_000L;
    }

    /** Whether a large request is on its way in: not idle, as memcached does not time out a value being read. */
    boolean receivingLargeRequest() {
        return inputHeld > 0;
    }

    long inputBuffered() {
        return input.readableBytes();
    }

    long outputPending() {
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        return pending == null ? 0 : pending.totalPendingWriteBytes();
    }

    ChannelFuture close() {
        return ctx.channel().close();
    }

    /** Writes out what is pending; the future completes when it has gone. */
    ChannelFuture flushPending() {
        return ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER);
    }

    ConnectionInfo info() {
        long idleNanos = idleNanos();
        return new ConnectionInfo(id, describe(ctx.channel().remoteAddress()), describe(ctx.channel().localAddress()),
                session == null ? "unknown" : session.protocolName(), tls, openedMillis,
                System.currentTimeMillis() - idleNanos / 1_000_000, counters.bytesRead, counters.bytesWritten,
                inputBuffered(), counters.inputPeak, outputPending(), counters.outputPeak, counters.reservations,
                counters.bytesCopied, counters.flushes, counters.yields,
                outputPending() > 0 ? "conn_mwrite" : session == null ? "conn_new_cmd" : session.state());
    }

    static String describe(SocketAddress address) {
        if (address instanceof DomainSocketAddress unix) {
            return "unix:" + unix.path();
        }
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
