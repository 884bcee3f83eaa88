package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferEventHandlerTest {

    /** A line protocol: "x\n" is answered "<x>", "bye\n" closes. */
    private final ProtocolSessionFactory lines = connection -> new ProtocolSession() {
        @Override
        public Outcome serveOne(Connection c) {
            ByteBuf in = c.input();
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                return Outcome.NEEDS_INPUT;
            }
            String line = in.toString(in.readerIndex(), lf - in.readerIndex(), US_ASCII);
            in.readerIndex(lf + 1);
            if (line.equals("bye")) {
                c.reserve(4).writeBytes("bye\n".getBytes(US_ASCII));
                return Outcome.CLOSE;
            }
            c.reserve(line.length() + 2).writeBytes(("<" + line + ">").getBytes(US_ASCII));
            return Outcome.SERVED;
        }
    };

    private final FlushCounter flushes = new FlushCounter();
    private final EmbeddedChannel channel = new EmbeddedChannel(flushes, new BufferEventHandler(1, lines));

    @Test
    void pipelinedRequestsAreAnsweredInOrderWithOneFlushPerRead() {
        channel.writeInbound(ascii("a\nbb\nccc\n"));
        assertThat(flushes.count).isEqualTo(1);
        assertThat(outbound()).containsExactly("<a>", "<bb>", "<ccc>");
    }

    @Test
    void aRequestSplitAcrossReadsIsServedWhenWhole() {
        channel.writeInbound(ascii("hel"));
        assertThat(outbound()).isEmpty();
        channel.writeInbound(ascii("lo\nwor"));
        channel.writeInbound(ascii("ld\n"));
        assertThat(outbound()).containsExactly("<hello>", "<world>");
    }

    @Test
    void closeRequestWritesPendingOutputThenCloses() {
        channel.writeInbound(ascii("a\nbye\nnever\n"));
        assertThat(outbound()).containsExactly("<a>", "bye\n");
        assertThat(channel.isOpen()).isFalse();
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
