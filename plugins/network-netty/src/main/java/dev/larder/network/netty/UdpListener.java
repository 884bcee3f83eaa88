package dev.larder.network.netty;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.net.ProtocolSessionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * memcached's UDP protocol, off unless {@code -U} names a port: each datagram is
 * an 8-byte frame header (request id, sequence number, datagram count, reserved)
 * and whole requests; the answer goes back in datagrams of at most 1,400 bytes
 * after the same header, numbered, with the request's id. A request spread over
 * several datagrams is refused, as memcached refuses it.
 */
final class UdpListener extends SimpleChannelInboundHandler<DatagramPacket> {

    static final int HEADER = 8;
    static final int MAX_PAYLOAD = 1400;
    /** The largest datagram read whole, as memcached's UDP read buffer. */
    static final int MAX_DATAGRAM = 64 * 1024;
    private static final byte[] MULTI_PACKET =
            "SERVER_ERROR multi-packet request not supported\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ProtocolSessionFactory protocols;

    UdpListener(ProtocolSessionFactory protocols) {
        this.protocols = protocols;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf in = packet.content();
        if (in.readableBytes() < HEADER) {
            return;
        }
        int requestId = in.getUnsignedShort(in.readerIndex());
        int sequence = in.getUnsignedShort(in.readerIndex() + 2);
        int datagrams = in.getUnsignedShort(in.readerIndex() + 4);
        Answer answer = new Answer(packet.sender(), in.slice(in.readerIndex() + HEADER, in.readableBytes() - HEADER));
        try {
            if (sequence != 0 || datagrams != 1) {
                answer.reserve(MULTI_PACKET.length).writeBytes(MULTI_PACKET);
            } else {
                answer.serve(protocols.open(answer));
            }
            answer.send(ctx, requestId);
        } finally {
            answer.release();
        }
    }

    /** One datagram's requests as a connection: its payload the input, the answer gathered for sending. */
    private static final class Answer implements Connection {
        private final InetSocketAddress sender;
        private final ByteBuf input;
        private final List<ByteBuf> output = new ArrayList<>();

        Answer(InetSocketAddress sender, ByteBuf input) {
            this.sender = sender;
            this.input = input;
        }

        void serve(ProtocolSession session) {
            while (input.isReadable()) {
                int before = input.readerIndex();
                Outcome outcome = session.serveOne(this);
                if (outcome == Outcome.CLOSE || outcome == Outcome.NEEDS_INPUT
                        || (outcome == Outcome.SERVED && input.readerIndex() == before)) {
                    break;
                }
            }
            session.closed();
        }

        /** Sends the answer in numbered datagrams of at most {@link #MAX_PAYLOAD} bytes; nothing when there is none. */
        void send(ChannelHandlerContext ctx, int requestId) {
            ByteBuf whole = Unpooled.wrappedBuffer(output.toArray(ByteBuf[]::new));
            output.clear();
            try {
                int total = Math.max(1, (whole.readableBytes() + MAX_PAYLOAD - 1) / MAX_PAYLOAD);
                if (!whole.isReadable()) {
                    return;
                }
                for (int seq = 0; seq < total; seq++) {
                    int length = Math.min(MAX_PAYLOAD, whole.readableBytes());
                    ByteBuf datagram = ctx.alloc().buffer(HEADER + length);
                    datagram.writeShort(requestId).writeShort(seq).writeShort(total).writeShort(0);
                    datagram.writeBytes(whole, length);
                    ctx.write(new DatagramPacket(datagram, sender));
                }
                ctx.flush();
            } finally {
                whole.release();
            }
        }

        void release() {
            output.forEach(ByteBuf::release);
            output.clear();
        }

        @Override
        public long id() {
            return 0;
        }

        @Override
        public SocketAddress remoteAddress() {
            return sender;
        }

        @Override
        public ByteBuf input() {
            return input;
        }

        @Override
        public boolean reserveInput(int requestBytes) {
            return true; // never asked: a datagram's requests are whole or refused
        }

        @Override
        public ByteBuf reserve(int size) {
            ByteBuf reservation = Unpooled.buffer(size, size);
            output.add(reservation);
            return reservation;
        }

        @Override
        public boolean sendsByReference(int valueLength) {
            return false;
        }

        @Override
        public void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
            source.getBytes(index, reservation, reservation.writerIndex(), length);
            reservation.writerIndex(reservation.writerIndex() + length);
        }

        @Override
        public void chain(ByteBuf data) {
            output.add(data);
        }

        @Override
        public void closeAfterWrite() {
        }
    }
}
