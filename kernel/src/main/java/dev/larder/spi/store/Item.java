package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;

/**
 * An item read from the store. {@code value} is a retained view of the stored
 * bytes: whoever holds the item last releases the value (usually once it has been
 * written to a client), and until then the store does not reuse that memory.
 */
public record Item(int flags, long cas, ByteBuf value) {
}
