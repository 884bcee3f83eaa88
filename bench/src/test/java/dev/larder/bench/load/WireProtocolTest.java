package dev.larder.bench.load;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class WireProtocolTest {

    @Test
    void textRepliesAreReadWholeOrNotAtAll() {
        WireProtocol text = WireProtocol.named("text");
        ByteBuf in = Unpooled.buffer();
        in.writeCharSequence("VALUE key:1 0 5\r\nhel", US_ASCII);
        assertThat(text.read(in)).isEqualTo(WireProtocol.Reply.INCOMPLETE);
        assertThat(in.readerIndex()).isZero();
        in.writeCharSequence("lo\r\nEND\r\nEND\r\nSTORED\r\nSERVER_ERROR out of memory\r\n", US_ASCII);
        assertThat(text.read(in)).isEqualTo(WireProtocol.Reply.HIT);
        assertThat(text.read(in)).isEqualTo(WireProtocol.Reply.MISS);
        assertThat(text.read(in)).isEqualTo(WireProtocol.Reply.STORED);
        assertThat(text.read(in)).isEqualTo(WireProtocol.Reply.ERROR);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void binaryRequestsAreWellFormedAndRepliesReadByStatus() {
        WireProtocol binary = WireProtocol.named("binary");
        ByteBuf out = Unpooled.buffer();
        binary.writeSet(out, "k".getBytes(US_ASCII), "vv".getBytes(US_ASCII));
        assertThat(out.readableBytes()).isEqualTo(24 + 8 + 1 + 2);
        assertThat(out.getInt(8)).isEqualTo(8 + 1 + 2);

        ByteBuf in = Unpooled.buffer();
        in.writeByte(0x81).writeByte(0x00).writeShort(0).writeByte(4).writeByte(0).writeShort(0).writeInt(6)
                .writeInt(0).writeLong(1).writeInt(0).writeShort(0x6869);
        in.writeByte(0x81).writeByte(0x00).writeShort(0).writeByte(0).writeByte(0).writeShort(1).writeInt(0)
                .writeInt(0).writeLong(0);
        assertThat(binary.read(in)).isEqualTo(WireProtocol.Reply.HIT);
        assertThat(binary.read(in)).isEqualTo(WireProtocol.Reply.MISS);
        assertThat(binary.read(in)).isEqualTo(WireProtocol.Reply.INCOMPLETE);
    }
}
