package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;

/**
 * The item store, bound by the storage plugin and used by the protocol plugin.
 * Called from every event loop at once. Keys are the readable bytes of the given
 * buffer (a slice of a client's input); the store neither consumes nor keeps
 * them. Values given are copied. Expiry times ({@code exptime}) follow memcached:
 * 0 never, up to 30 days relative seconds, beyond that an absolute Unix time,
 * negative already expired.
 */
public interface ItemStore {

    /** The largest key, in bytes. */
    int MAX_KEY_LENGTH = 250;

    /** Returns the live item, its value retained for the caller, or {@code null}. */
    Item get(ByteBuf key);

    /**
     * Like {@link #get}, but leaves no trace: the item is not marked as read and
     * its last access does not change. For a protocol reading back what it wrote.
     */
    default Item peek(ByteBuf key) {
        return get(key);
    }

    /** Like {@link #get}, and gives the item a new expiry time (memcached's gat). */
    Item getAndTouch(ByteBuf key, long exptime);

    /**
     * Stores a value as the mode says.
     *
     * @param cas for {@link StoreMode#CAS}, the unique the live item must have; ignored otherwise
     */
    StoreResult store(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value, long cas);

    /** Stores whatever is there. */
    default StoreResult set(ByteBuf key, int flags, long exptime, ByteBuf value) {
        return store(StoreMode.SET, key, flags, exptime, value, 0);
    }

    /** Removes the item; false when there was no live one. */
    boolean delete(ByteBuf key);

    /**
     * Adds {@code delta} to, or subtracts it from, a value holding a decimal
     * number below 2^64: incr wraps around, decr stops at 0.
     */
    ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta);

    /** Gives a live item a new expiry time; false when there was none. */
    boolean touch(ByteBuf key, long exptime);

    /** Invalidates every item stored before now plus {@code delaySeconds}. */
    void flushAll(long delaySeconds);

    StoreStats stats();

    /** The size classes holding memory, numbered from 1 as memcached's; empty for a store without classes. */
    default java.util.List<SlabClassStats> slabClasses() {
        return java.util.List.of();
    }

    /** Changes the memory limit while running ({@code cache_memlimit}); a lower one is reached as items go. */
    void setMemoryLimit(long bytes);
}
