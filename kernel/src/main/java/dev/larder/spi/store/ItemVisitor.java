package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;

/**
 * Receives a hit from {@link ItemStore#read}: the item's flags and CAS unique,
 * and its value as {@code length} bytes of {@code source} from {@code index}.
 * Called while the store holds the item still, so it must be quick (copy a small
 * value into a response that is already big enough: nothing that may write to a
 * socket or wait) and must keep nothing of {@code source} afterwards. A value to
 * be sent by reference is declined, and comes back pinned from the same lookup.
 */
public interface ItemVisitor {

    /**
     * Copies the value out, or declines it (returns false): then {@link #pinned}
     * is called, still within the same lookup, with the item pinned for sending.
     */
    boolean visit(int flags, long cas, ByteBuf source, int index, int length);

    /** The item whose value was declined, its value pinned for the caller, who releases it. */
    void pinned(Item item);
}
