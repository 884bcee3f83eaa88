package dev.larder.storage.memory;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import java.nio.ByteBuffer;

/**
 * An item's value as a buffer over the slab memory itself, not a copy. While it
 * is held the item keeps a reference, so its chunk is not reused; releasing the
 * buffer drops that reference.
 */
final class PinnedValue extends UnpooledUnsafeDirectByteBuf {

    private final OffHeapItemStore store;
    private final int address;

    PinnedValue(OffHeapItemStore store, int address, ByteBuffer page, int offset, int length) {
        // One view of the page per read: sliced here (position 0), so the buffer need not slice it again.
        super(UnpooledByteBufAllocator.DEFAULT, false, page.slice(offset, length), length);
        this.store = store;
        this.address = address;
        writerIndex(length);
    }

    @Override
    protected void deallocate() {
        super.deallocate();
        store.unpin(address);
    }
}
