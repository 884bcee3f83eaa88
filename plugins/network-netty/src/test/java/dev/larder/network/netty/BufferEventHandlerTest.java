package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.network.netty.tls.TlsContexts;
import dev.larder.spi.Settings;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferEventHandlerTest {

    /** A stored value, sent by the line protocol below for "big". */
    private final ByteBuf stored = Unpooled.directBuffer().writeBytes("v".repeat(6000).getBytes(US_ASCII));

    /**
     * A line protocol: "x\n" is answered "<x>", "bye\n" closes, "big\n" answers
     * the stored value the way the memcached protocol does: by reference when
     * the connection says so, else copied into the reservation.
     */
    private final ProtocolSessionFactory lines = new TestProtocol(connection -> new ProtocolSession() {
        @Override
        public Outcome serveOne(Connection c) {
            ByteBuf in = c.input();
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                return Outcome.NEEDS_INPUT;
            }
            String line = in.toString(in.readerIndex(), lf - in.readerIndex(), US_ASCII);
            in.readerIndex(lf + 1);
            served++;
            if (line.equals("bye")) {
                c.reserve(4).writeBytes("bye\n".getBytes(US_ASCII));
                return Outcome.CLOSE;
            }
            if (line.equals("big")) {
                if (c.sendsByReference(stored)) {
                    c.reserve(2).writeBytes("<<".getBytes(US_ASCII));
                    c.chain(stored.retainedSlice());
                } else {
                    ByteBuf out = c.reserve(2 + stored.readableBytes()).writeBytes("<<".getBytes(US_ASCII));
                    c.copyValue(out, stored);
                }
                return Outcome.SERVED;
            }
            c.reserve(line.length() + 2).writeBytes(("<" + line + ">").getBytes(US_ASCII));
            return Outcome.SERVED;
        }
    });

    private FlushCounter flushes;
    /** Requests served so far. */
    private int served;
    private FairShare fairShare;
    private ConnectionRegistry registry;
    private InputBudget inputBudget;
    private EmbeddedChannel channel = channel(Map.of("fair_share", "false"));

    private EmbeddedChannel channel(Map<String, String> values) {
        Settings settings = NetworkTestSettings.of(values);
        fairShare = new FairShare(settings);
        IdleTimer idle = new IdleTimer(settings);
        inputBudget = new InputBudget(settings);
        OutputBudget outputBudget = new OutputBudget(settings);
        registry = new ConnectionRegistry(settings, fairShare, idle, new TlsContexts(settings), inputBudget,
                outputBudget);
        registry.admit();
        flushes = new FlushCounter();
        int threshold = Math.toIntExact(settings.get(NetworkSettings.VALUE_BY_REFERENCE_THRESHOLD));
        return new EmbeddedChannel(flushes, new BufferEventHandler(registry.nextId(), lines, registry, fairShare,
                inputBudget, outputBudget, threshold, false, Clock.systemUTC()));
    }

    @AfterEach
    void releaseTheStoredValue() {
        channel.finishAndReleaseAll();
        stored.release();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWithOneFlushPerReadAndTheRoundsLaterResponsesShareABuffer() {
        channel.writeInbound(ascii("a\nbb\nccc\n"));
        assertThat(flushes.count).isEqualTo(1);
        // The first response in a buffer of its own size; the round's others batched behind it.
        assertThat(outbound()).containsExactly("<a>", "<bb><ccc>");
        assertThat(registry.totals().flushes()).isEqualTo(1);
        assertThat(registry.totals().reservations()).isEqualTo(3);
    }

    @Test
    void aRequestSplitAcrossReadsIsServedWhenWhole() {
        channel.writeInbound(ascii("hel"));
        assertThat(outbound()).isEmpty();
        channel.writeInbound(ascii("lo\nwor"));
        channel.writeInbound(ascii("ld\n"));
        assertThat(outbound()).containsExactly("<hello>", "<world>");
        assertThat(registry.totals().inputBufferedPeak()).isEqualTo("hello\nwor".length());
    }

    @Test
    void closeRequestWritesPendingOutputThenCloses() {
        channel.writeInbound(ascii("a\nbye\nnever\n"));
        assertThat(outbound()).containsExactly("<a>", "bye\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(registry.totals().currConnections()).isZero();
    }

    @Test
    void inputBuffersAreReleasedWhenConsumedAndOnClose() {
        ByteBuf whole = ascii("a\n");
        channel.writeInbound(whole);
        assertThat(whole.refCnt()).isZero();
        ByteBuf partial = ascii("unfinished");
        channel.writeInbound(partial);
        assertThat(partial.refCnt()).isEqualTo(1);
        channel.close();
        assertThat(partial.refCnt()).isZero();
        outbound();
    }

    @Test
    void withFairSharingAConnectionYieldsEveryReqsPerEventRequestsAndStillAnswersAllInOrder() {
        channel = channel(Map.of("fair_share", "true", "reqs_per_event", "2"));
        channel.writeInbound(ascii("1\n2\n3\n4\n5\n"));
        channel.runPendingTasks();
        assertThat(served).isEqualTo(5);
        assertThat(fairShare.getYields()).isEqualTo(2);
        assertThat(registry.totals().connYields()).isEqualTo(2);
        assertThat(outbound()).containsExactly("<1>", "<2>", "<3>", "<4>", "<5>");
    }

    @Test
    void aConnectionThatHasYieldedDoesNotReadItsSocketUntilItHasServedWhatItHolds() {
        channel = channel(Map.of("fair_share", "true", "reqs_per_event", "2"));
        // Delivered as a read is, without running the loop's tasks (writeInbound would run them).
        channel.pipeline().fireChannelRead(ascii("1\n2\n3\n4\n5\n")).fireChannelReadComplete();
        assertThat(served).isEqualTo(2);
        assertThat(channel.config().isAutoRead()).as("not read while yielded").isFalse();
        channel.runPendingTasks();
        assertThat(served).isEqualTo(4);
        assertThat(channel.config().isAutoRead()).as("yielded again: still not read").isFalse();
        channel.runPendingTasks();
        assertThat(served).isEqualTo(5);
        assertThat(channel.config().isAutoRead()).as("all served: read again").isTrue();
        outbound();
    }

    @Test
    void aRequestBeyondTheFreePartTakesFromTheInputBudgetUntilItIsServed() {
        channel = channel(Map.of("max_pending_input", "1m"));
        BufferEventHandler connection = channel.pipeline().get(BufferEventHandler.class);
        int large = InputBudget.FREE_PER_CONNECTION + 600 * 1024;
        assertThat(connection.reserveInput(InputBudget.FREE_PER_CONNECTION)).isTrue();
        assertThat(inputBudget.held()).as("within the free part").isZero();
        assertThat(connection.reserveInput(large)).isTrue();
        assertThat(inputBudget.held()).isEqualTo(600 * 1024);
        assertThat(connection.reserveInput(large)).as("asked again for the same request").isTrue();
        assertThat(inputBudget.held()).isEqualTo(600 * 1024);
        // Another connection's request does not fit beside it; alone, one larger than the budget would.
        assertThat(inputBudget.tryTake(600 * 1024, 0)).isFalse();
        assertThat(registry.totals().pendingInputRefused()).isEqualTo(1);
        channel.writeInbound(ascii("served\n"));
        assertThat(inputBudget.held()).as("given back once a request is served").isZero();
        assertThat(inputBudget.tryTake(5 * 1024 * 1024, 0)).as("alone, beyond the budget").isTrue();
        outbound();
    }

    @Test
    void whatAConnectionTookIsGivenBackWhenItCloses() {
        channel = channel(Map.of("max_pending_input", "1m"));
        BufferEventHandler connection = channel.pipeline().get(BufferEventHandler.class);
        assertThat(connection.reserveInput(200_000)).isTrue();
        assertThat(inputBudget.held()).isPositive();
        channel.close();
        assertThat(inputBudget.held()).isZero();
    }

    @Test
    void switchingFairSharingOffReachesAnOpenConnection() {
        channel = channel(Map.of("fair_share", "true", "reqs_per_event", "1"));
        channel.writeInbound(ascii("1\n2\n"));
        channel.runPendingTasks();
        assertThat(fairShare.getYields()).isEqualTo(1);
        fairShare.setEnabled(false);
        channel.writeInbound(ascii("3\n4\n5\n"));
        channel.runPendingTasks();
        assertThat(fairShare.getYields()).isEqualTo(1);
        assertThat(outbound()).containsExactly("<1>", "<2>", "<3>", "<4><5>");
    }

    @Test
    void largeValuesGoOutByReferenceAndAreNotCopied() {
        channel = channel(Map.of("fair_share", "false", "value_by_reference_threshold", "4k"));
        channel.writeInbound(ascii("big\nbig\n"));
        assertThat(outbound()).hasSize(4);
        assertThat(registry.totals().reservations()).isEqualTo(2);
        assertThat(registry.totals().bytesCopied()).isZero();
        assertThat(registry.totals().bytesByReference()).isEqualTo(12_000);
        assertThat(stored.refCnt()).isEqualTo(1);
    }

    @Test
    void aChainedValueGoesBetweenTheBatchedResponsesAroundItAndNoBatchHoldsMuchMoreThanItsContent() {
        channel = channel(Map.of("fair_share", "false", "value_by_reference_threshold", "4k"));
        channel.writeInbound(ascii("a\nbig\nb\nc\n"));
        List<String> contents = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            if (buf.isReadable()) {
                contents.add(buf.toString(US_ASCII));
                assertThat(buf.capacity()).as("capacity of '%s'", contents.get(contents.size() - 1))
                        .isLessThanOrEqualTo(Math.max(4 * buf.readableBytes(), 6000));
            }
            buf.release();
        }
        assertThat(contents).containsExactly("<a>", "<<", "v".repeat(6000), "<b><c>");
    }

    @Test
    void belowTheThresholdValuesAreCopiedOnceIntoTheirReservation() {
        channel = channel(Map.of("fair_share", "false", "value_by_reference_threshold", "8k"));
        channel.writeInbound(ascii("big\n"));
        assertThat(outbound()).containsExactly("<<" + "v".repeat(6000));
        assertThat(registry.totals().reservations()).isEqualTo(1);
        assertThat(registry.totals().bytesCopied()).isEqualTo(6000);
        assertThat(registry.totals().bytesByReference()).isZero();
    }

    private List<String> outbound() {
        List<String> out = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            if (buf.isReadable()) {
                out.add(buf.toString(US_ASCII));
            }
            buf.release();
        }
        return out;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, US_ASCII);
    }

    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}
