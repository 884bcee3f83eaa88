package dev.larder.spi.net;

import io.netty.buffer.ByteBuf;
import java.net.SocketAddress;

/**
 * A client connection as the protocol sees it: a bufferevent. There is an input
 * buffer of bytes received and not yet consumed, an output into which the
 * protocol reserves room for one whole response at a time, and events delivered
 * to the connection's {@link ProtocolSession}.
 *
 * <p>All methods are called on the connection's event loop and must not block.
 */
public interface Connection {

    /** A number unique among this server's connections since it started. */
    long id();

    SocketAddress remoteAddress();

    /**
     * The bytes received and not yet consumed: the very buffer the network read,
     * not a copy. The protocol parses it in place and moves the reader index past
     * what it consumed; what it leaves is kept for the next call. The connection
     * owns the buffer: slice it, never release it, and do not keep a slice beyond
     * the current call without retaining it.
     */
    ByteBuf input();

    /**
     * Asks to hold a request that has not all arrived: the one at the head of
     * the input, {@code requestBytes} long in all (a value being received, a long
     * multi-get line). Until it is served the connection keeps it whole, taking
     * what it holds beyond a small allowance from the server's budget for
     * requests in progress ({@code max_pending_input}); asking again for the same
     * request is free. False when that budget is spent: the protocol must refuse
     * the request (memcached's {@code SERVER_ERROR out of memory}) and throw its
     * bytes away as they arrive, rather than wait for them.
     */
    boolean reserveInput(int requestBytes);

    /**
     * Reserves exactly {@code size} bytes of output for one whole response. The
     * protocol computes the response's size first, then writes it into the
     * returned buffer, which goes to the client, in reservation order, once the
     * current request is served. The connection owns the buffer.
     */
    ByteBuf reserve(int size);

    /**
     * Whether a value this large goes out by reference ({@link #chain}) rather
     * than copied into a reservation: it is at least the connection's threshold
     * ({@code value_by_reference_threshold}).
     */
    default boolean sendsByReference(ByteBuf value) {
        return sendsByReference(value.readableBytes());
    }

    /** As the other, for a value of this many bytes. */
    boolean sendsByReference(int valueLength);

    /**
     * Copies a value into a reservation: the one copy a small value makes on the
     * send path, counted in the buffer statistics. Leaves {@code value} as it was.
     */
    default void copyValue(ByteBuf reservation, ByteBuf value) {
        copyValue(reservation, value, value.readerIndex(), value.readableBytes());
    }

    /** As the other, for a value that is {@code length} bytes of {@code source} from {@code index}. */
    void copyValue(ByteBuf reservation, ByteBuf source, int index, int length);

    /**
     * Sends {@code data} after the output reserved so far, by reference and not
     * copied. The connection takes over one reference to it and releases it once
     * it is written, so memory behind it (a stored value) stays untouched until then.
     */
    void chain(ByteBuf data);

    /**
     * Closes the connection once the output reserved so far has been written.
     * Nothing more is read from it.
     */
    void closeAfterWrite();
}
