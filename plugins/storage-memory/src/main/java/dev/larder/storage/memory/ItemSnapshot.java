package dev.larder.storage.memory;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * The store's items read out and written back whole, for warm restarts: every
 * live item visited shard by shard, and an item restored with its CAS unique,
 * its value read straight into the item's memory.
 */
final class ItemSnapshot {

    /** What {@link #forEachLive} hands out; the buffers are only valid during the call. */
    interface LiveItemVisitor {
        void visit(ByteBuf key, int flags, long unixExpiry, long cas, ByteBuf value) throws IOException;
    }

    /** Where a restored value comes from: read into the store's memory, or skipped. */
    interface ValueSource {
        /** Writes the value's bytes into {@code page} from {@code index}. */
        void readInto(ByteBuf page, int index) throws IOException;

        /** Reads past the value. */
        void skip() throws IOException;
    }

    private final OffHeapItemStore store;
    private final ItemWrites writes;
    private final SlabMemory memory;
    private final ServerClock clock;

    ItemSnapshot(OffHeapItemStore store, ItemWrites writes, SlabMemory memory, ServerClock clock) {
        this.store = store;
        this.writes = writes;
        this.memory = memory;
        this.clock = clock;
    }

    /** Calls the visitor with every live item, shard by shard, each shard locked meanwhile. */
    void forEachLive(LiveItemVisitor visitor) throws IOException {
        int now = clock.now();
        for (IndexShard shard : store.shards()) {
            shard.lock.lock();
            try {
                for (int address : OffHeapItemStore.addressesOf(shard)) {
                    if (store.live(address, now)) {
                        ByteBuf page = memory.page(address);
                        visitor.visit(page.slice(memory.keyOffset(address), memory.keyLength(address)),
                                memory.getInt(address, SlabMemory.FLAGS),
                                clock.toUnixTime(memory.getInt(address, SlabMemory.EXPIRY)),
                                memory.getLong(address, SlabMemory.CAS),
                                page.slice(memory.valueOffset(address), memory.valueLength(address)));
                    }
                }
            } finally {
                shard.lock.unlock();
            }
        }
    }

    /**
     * Stores an item read back from a memory file, keeping its CAS unique, its
     * value read by {@code value} straight into the item's memory. Returns false,
     * the value still read (and dropped), when the item has expired or there is
     * no memory for it.
     */
    boolean restore(ByteBuf key, int flags, long unixExpiry, long cas, int valueLength, ValueSource value)
            throws IOException {
        int expiry = clock.expiry(unixExpiry);
        int hash = OffHeapItemStore.hash(key);
        IndexShard shard = store.shardOf(hash);
        shard.lock.lock();
        try {
            int now = clock.now();
            int existing = store.findLive(shard, hash, key, now);
            int address = expiry == ServerClock.ALREADY_EXPIRED ? 0
                    : writes.newItem(key, existing, flags, expiry, now, valueLength);
            if (address == 0) {
                value.skip();
                return false;
            }
            try {
                value.readInto(memory.page(address), memory.valueOffset(address));
            } catch (IOException | RuntimeException e) {
                writes.discard(address);
                throw e;
            }
            memory.setLong(address, SlabMemory.CAS, cas);
            store.casAtLeast(cas);
            writes.link(shard, hash, existing, address);
            return true;
        } finally {
            shard.lock.unlock();
        }
    }
}
