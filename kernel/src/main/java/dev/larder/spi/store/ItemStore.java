package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;

/**
 * The item store, bound by the storage plugin and used by the protocol plugin.
 * Called from every event loop at once. Keys are the readable bytes of the given
 * buffer (a slice of a client's input); the store neither consumes nor keeps them.
 */
public interface ItemStore {

    /** Returns the live item, its value retained for the caller, or {@code null}. */
    Item get(ByteBuf key);

    /**
     * Stores a value, copying its readable bytes.
     *
     * @param exptime memcached's expiry: 0 never, up to 30 days relative seconds,
     *                beyond that an absolute Unix time, negative already expired
     */
    StoreResult set(ByteBuf key, int flags, long exptime, ByteBuf value);

    /** Removes the item; false when there was none. */
    boolean delete(ByteBuf key);
}
