package dev.larder.protocol.memcached.text;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession.Outcome;
import io.netty.buffer.ByteBuf;

/**
 * The command line being served: its tokens in the input, where the line ends,
 * and the ways to answer it. One per session, reused for every line.
 */
final class Request {

    static final int MAX_KEY_LENGTH = 250;
    private static final byte[] NOREPLY = Replies.bytes("noreply");

    final Tokens tokens = new Tokens();
    Connection connection;
    ByteBuf in;
    /** Where the next line (or this command's data block) starts. */
    int next;
    /** Where this line starts: the input's reader index while the line is served. */
    private int lineStart;
    /** The line is a storage command waiting for its data block. */
    private boolean awaitingData;

    void start(Connection c, ByteBuf input, int lineStart, int lineEnd, int nextLine) {
        connection = c;
        in = input;
        next = nextLine;
        this.lineStart = lineStart;
        this.awaitingData = false;
        tokens.split(input, lineStart, lineEnd);
    }

    boolean awaitingData() {
        return awaitingData;
    }

    /**
     * Goes on with the same line in the connection's input as it is now: the
     * network may have moved the unread bytes (or copied them to another buffer)
     * since the line was split, but never past the line's start.
     */
    void resume(Connection c) {
        ByteBuf now = c.input();
        int delta = now.readerIndex() - lineStart;
        connection = c;
        in = now;
        next += delta;
        lineStart += delta;
        tokens.moved(now, delta);
    }

    int count() {
        return tokens.count();
    }

    /** Whether the last token is "noreply", as memcached checks it. */
    boolean noreply() {
        return tokens.is(tokens.count() - 1, NOREPLY);
    }

    boolean keyTooLong(int token) {
        return tokens.length(token) > MAX_KEY_LENGTH;
    }

    /** Whether the data block of {@code length} bytes (and its CRLF) after the line has all arrived. */
    boolean hasDataBlock(int length) {
        return next + length + 2 <= in.writerIndex();
    }

    /**
     * Asks the connection to hold this command whole until its data block of
     * {@code length} bytes (and CRLF) has arrived; false when the server's budget
     * for requests in progress is spent.
     */
    boolean holdDataBlock(int length) {
        awaitingData = true;
        return connection.reserveInput(next - in.readerIndex() + length + 2);
    }

    /** Moves past the data block that starts at {@link #next}; returns whether it ends in CRLF as it must. */
    boolean skipDataBlock(int length) {
        int end = next + length;
        next = end + 2;
        return in.getByte(end) == '\r' && in.getByte(end + 1) == '\n';
    }

    /** Moves past the command line. */
    void consumeLine() {
        in.readerIndex(next);
    }

    /** Consumes the line and answers. */
    Outcome answer(byte[] reply) {
        consumeLine();
        reply(reply);
        return Outcome.SERVED;
    }

    /** Consumes the line and answers with the buffer's readable bytes. */
    Outcome answer(ByteBuf reply) {
        consumeLine();
        connection.reserve(reply.readableBytes()).writeBytes(reply);
        return Outcome.SERVED;
    }

    /** Consumes the line and answers, unless the client asked for no reply. */
    Outcome answer(byte[] reply, boolean noreply) {
        consumeLine();
        if (!noreply) {
            reply(reply);
        }
        return Outcome.SERVED;
    }

    void reply(byte[] reply) {
        connection.reserve(reply.length).writeBytes(reply);
    }
}
