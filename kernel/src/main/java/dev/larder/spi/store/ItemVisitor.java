package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;

/**
 * Receives a hit from {@link ItemStore#read}: the item's flags and CAS unique,
 * and its value as {@code length} bytes of {@code source} from {@code index}.
 * Called while the store holds the item still, so it must be quick (copy a small
 * value into a response) and must keep nothing of {@code source} afterwards.
 */
@FunctionalInterface
public interface ItemVisitor {

    void visit(int flags, long cas, ByteBuf source, int index, int length);
}
