package dev.larder.storage.memory;

import static dev.larder.spi.store.ItemStore.NOT_GIVEN;

import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemVisitor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The store's reads: a get that hands the value to a visitor under the shard
 * lock (or pins it, by the same lookup, to be sent by reference), and the reads
 * that return a pinned item, with memcached's meta get rules for creating a
 * missing item (N) and winning the right to recache it (R, stale items).
 */
final class ItemReads {

    /** How a read treats the item. */
    enum Access {
        /** A client's read: marks the item read. */
        READ,
        /** The protocol reading back what it wrote: leaves no trace. */
        PEEK,
        /** A meta get: a client's read that may also win the right to recache. */
        META,
        /** A meta get with u: may win the right to recache, but leaves no trace of the read. */
        META_UNSEEN
    }

    private final OffHeapItemStore store;
    private final ItemWrites writes;
    private final SlabMemory memory;
    private final ServerClock clock;

    ItemReads(OffHeapItemStore store, ItemWrites writes, SlabMemory memory, ServerClock clock) {
        this.store = store;
        this.writes = writes;
        this.memory = memory;
        this.clock = clock;
    }

    boolean read(ByteBuf source, int keyIndex, int keyLength, ItemVisitor visitor) {
        int hash = KeyHash.of(source, keyIndex, keyLength);
        IndexShard shard = store.shardOf(hash);
        int now = clock.now();
        Item pinned;
        shard.lock.lock();
        try {
            int address = store.findLive(shard, hash, source, keyIndex, keyLength, now);
            if (address == 0) {
                return false;
            }
            // The shard lock keeps the item from being replaced, and the store's own
            // reference keeps its chunk, for as long as the visitor looks at it.
            int flags = memory.getInt(address, SlabMemory.FLAGS);
            long cas = memory.getLong(address, SlabMemory.CAS);
            memory.setInt(address, SlabMemory.TIME, now);
            if (visitor.visit(flags, cas, memory.page(address), memory.valueOffset(address),
                    memory.valueLength(address))) {
                memory.markRead(address);
                return true;
            }
            memory.acquire(address); // declined: pinned by this same lookup, to be sent by reference
            pinned = new Item(flags, cas, new PinnedValue(store, address, memory.nioPage(address),
                    memory.valueOffset(address), memory.valueLength(address)));
        } finally {
            shard.lock.unlock();
        }
        visitor.pinned(pinned);
        return true;
    }

    Item read(ByteBuf key, Access access, long touchExptime, long vivifyExptime, long recacheSeconds) {
        int hash = OffHeapItemStore.hash(key);
        IndexShard shard = store.shardOf(hash);
        int now = clock.now();
        int address;
        int flags;
        long cas;
        int expiry;
        int lastAccess;
        int refsBefore;
        boolean won;
        shard.lock.lock();
        try {
            address = store.findLive(shard, hash, key, now);
            boolean created = false;
            if (address == 0) {
                if (vivifyExptime == NOT_GIVEN) {
                    return null;
                }
                address = vivify(shard, hash, key, vivifyExptime, now);
                if (address == 0) {
                    return null;
                }
                created = true;
            }
            if (touchExptime != NOT_GIVEN) {
                memory.setInt(address, SlabMemory.EXPIRY, clock.expiry(touchExptime));
            }
            expiry = memory.getInt(address, SlabMemory.EXPIRY);
            lastAccess = memory.getInt(address, SlabMemory.TIME);
            if (access == Access.PEEK || access == Access.META_UNSEEN) {
                refsBefore = memory.refs(address);
                memory.pin(address);
            } else {
                refsBefore = memory.acquire(address);
                memory.setInt(address, SlabMemory.TIME, now);
            }
            won = (access == Access.META || access == Access.META_UNSEEN)
                    && winsRecache(address, refsBefore, created, recacheSeconds);
            if (won) {
                memory.setBits(address, SlabMemory.WIN_SENT);
            }
            flags = memory.getInt(address, SlabMemory.FLAGS);
            cas = memory.getLong(address, SlabMemory.CAS);
        } finally {
            shard.lock.unlock();
        }
        ByteBuf value = new PinnedValue(store, address, memory.nioPage(address), memory.valueOffset(address),
                memory.valueLength(address));
        long ttl = expiry == ServerClock.NEVER ? -1 : Math.max(0, expiry - now);
        return new Item(flags, cas, value, ttl, now - lastAccess, (refsBefore & SlabMemory.FETCHED) != 0,
                (refsBefore & SlabMemory.STALE) != 0, (refsBefore & SlabMemory.WIN_SENT) != 0, won);
    }

    /** An empty item for a meta get's miss (N flag); its address, or 0 when it cannot be had. Shard lock held. */
    private int vivify(IndexShard shard, int hash, ByteBuf key, long exptime, int now) {
        int expiry = clock.expiry(exptime);
        if (expiry == ServerClock.ALREADY_EXPIRED) {
            return 0;
        }
        return writes.write(shard, hash, key, 0, 0, expiry, now, Unpooled.EMPTY_BUFFER, Unpooled.EMPTY_BUFFER);
    }

    /**
     * Whether this read gets the right to recache the item, as memcached decides:
     * it created it, or nobody has the right yet and the item is stale or expires
     * within {@code recacheSeconds}. Shard lock held.
     */
    private boolean winsRecache(int address, int refsBefore, boolean created, long recacheSeconds) {
        if (created) {
            return true;
        }
        if ((refsBefore & SlabMemory.WIN_SENT) != 0) {
            return false;
        }
        if ((refsBefore & SlabMemory.STALE) != 0) {
            return true;
        }
        if (recacheSeconds == NOT_GIVEN || recacheSeconds < 0) {
            return false;
        }
        int expiry = memory.getInt(address, SlabMemory.EXPIRY);
        return expiry != ServerClock.NEVER && expiry < clock.expiry(recacheSeconds);
    }
}
