package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;

/**
 * An item read from the store. {@code value} is a retained view of the stored
 * bytes: whoever holds the item last releases the value (usually once it has been
 * written to a client), and until then the store does not reuse that memory.
 *
 * @param flags              the client's 32-bit flags
 * @param cas                the item's CAS unique
 * @param value              the value, to be released by the holder
 * @param secondsToLive      seconds until it expires, or -1 when it never does
 * @param secondsSinceAccess seconds since it was last read or written
 * @param fetchedBefore      whether it had been read before this read
 * @param stale              marked stale by an invalidation (memcached's meta {@code I} flag): served, but due
 *                           for a new value
 * @param winSentBefore      an earlier read already won the right to recache it (memcached's {@code Z})
 * @param won                this read won the right to recache it (memcached's {@code W}); no other read will
 *                           until a new value is stored
 */
public record Item(int flags, long cas, ByteBuf value, long secondsToLive, long secondsSinceAccess,
                   boolean fetchedBefore, boolean stale, boolean winSentBefore, boolean won) {

    /** An item without the access details the meta protocol asks for. */
    public Item(int flags, long cas, ByteBuf value) {
        this(flags, cas, value, -1, 0, false, false, false, false);
    }
}
