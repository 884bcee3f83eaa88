package dev.larder.storage.memory;

import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The store's writes: a new item is written whole into a fresh chunk and then
 * linked in place of the old one, so a reader never sees half a value. The
 * storage modes (set, add, replace, append, prepend, cas and its stale form)
 * and increment and decrement are decided here, under the key's shard lock.
 */
final class ItemWrites {

    private final OffHeapItemStore store;
    private final SlabMemory memory;
    private final SlabAllocator slabs;
    private final Eviction eviction;
    private final ServerClock clock;
    /** Whether items carry CAS uniques ({@code -C} turns it off: every item's is 0). */
    private final boolean casEnabled;

    ItemWrites(OffHeapItemStore store, SlabMemory memory, SlabAllocator slabs, Eviction eviction, ServerClock clock,
               boolean casEnabled) {
        this.store = store;
        this.memory = memory;
        this.slabs = slabs;
        this.eviction = eviction;
        this.clock = clock;
        this.casEnabled = casEnabled;
    }

    StoreReceipt store(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value, long cas) {
        int hash = OffHeapItemStore.hash(key);
        IndexShard shard = store.shardOf(hash);
        int now = clock.now();
        shard.lock.lock();
        try {
            int existing = store.findLive(shard, hash, key, now);
            boolean stale = false;
            switch (mode) {
                case ADD -> {
                    if (existing != 0) {
                        return StoreReceipt.NOT_STORED;
                    }
                }
                case REPLACE, APPEND, PREPEND -> {
                    if (existing == 0) {
                        return StoreReceipt.NOT_STORED;
                    }
                    if (store.casDiffers(existing, cas)) {
                        return StoreReceipt.EXISTS;
                    }
                }
                case CAS, CAS_OR_STALE -> {
                    if (existing == 0) {
                        return StoreReceipt.NOT_FOUND;
                    }
                    long current = memory.getLong(existing, SlabMemory.CAS);
                    stale = casEnabled && mode == StoreMode.CAS_OR_STALE && Long.compareUnsigned(cas, current) < 0;
                    if (casEnabled && current != cas && !stale) { // without CAS uniques every cas matches, as memcached
                        return StoreReceipt.EXISTS;
                    }
                }
                case SET -> { }
            }
            if (mode == StoreMode.APPEND || mode == StoreMode.PREPEND) {
                ByteBuf old = memory.page(existing).slice(memory.valueOffset(existing), memory.valueLength(existing));
                boolean append = mode == StoreMode.APPEND;
                return receipt(write(shard, hash, key, existing, memory.getInt(existing, SlabMemory.FLAGS),
                        memory.getInt(existing, SlabMemory.EXPIRY), now, append ? old : value, append ? value : old));
            }
            if (stale) {
                // The late writer's value is kept but marked stale, with the item's expiry and recache winner.
                int winner = memory.refs(existing) & SlabMemory.WIN_SENT;
                int address = write(shard, hash, key, existing, flags, memory.getInt(existing, SlabMemory.EXPIRY),
                        now, value, Unpooled.EMPTY_BUFFER);
                if (address != 0) {
                    memory.setBits(address, SlabMemory.STALE | winner);
                }
                return receipt(address);
            }
            // An expiry already past is stored too, dead at once, as memcached stores it: a get counts it expired.
            return receipt(write(shard, hash, key, existing, flags, clock.expiry(exptime), now, value,
                    Unpooled.EMPTY_BUFFER));
        } finally {
            shard.lock.unlock();
        }
    }

    private StoreReceipt receipt(int address) {
        return address == 0 ? StoreReceipt.NO_MEMORY
                : new StoreReceipt(StoreResult.STORED, memory.getLong(address, SlabMemory.CAS));
    }

    ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta, long cas) {
        return store.onLiveItem(key, cas, ArithmeticResult.NOT_FOUND, ArithmeticResult.EXISTS,
                (shard, hash, address, now) -> {
                    ByteBuf page = memory.page(address);
                    int at = memory.valueOffset(address);
                    int length = memory.valueLength(address);
                    long current;
                    try {
                        current = DecimalValue.parse(page, at, length);
                    } catch (NumberFormatException e) {
                        return ArithmeticResult.NON_NUMERIC;
                    }
                    long next = increment ? current + delta
                            : Long.compareUnsigned(delta, current) > 0 ? 0 : current - delta;
                    byte[] digits = Long.toUnsignedString(next).getBytes(StandardCharsets.US_ASCII);
                    if (digits.length <= length && (memory.refs(address) & SlabMemory.REF_MASK) == 1) {
                        // In place, as memcached does: the value keeps its length, padded with spaces.
                        page.setBytes(at, digits);
                        for (int i = at + digits.length; i < at + length; i++) {
                            page.setByte(i, ' ');
                        }
                        long newCas = store.nextCas();
                        memory.setLong(address, SlabMemory.CAS, newCas);
                        memory.setInt(address, SlabMemory.TIME, now);
                        return new ArithmeticResult(ArithmeticResult.Status.OK, next, newCas);
                    }
                    int rewritten = write(shard, hash, key, address, memory.getInt(address, SlabMemory.FLAGS),
                            memory.getInt(address, SlabMemory.EXPIRY), now, Unpooled.wrappedBuffer(digits),
                            Unpooled.EMPTY_BUFFER);
                    if (rewritten == 0) {
                        return ArithmeticResult.NO_MEMORY;
                    }
                    return new ArithmeticResult(ArithmeticResult.Status.OK, next,
                            memory.getLong(rewritten, SlabMemory.CAS));
                });
    }

    /**
     * Writes a new item from two value parts and links it in place of {@code existing} (if any).
     * Returns its address, or 0 when there is no memory for it. Shard lock held.
     */
    int write(IndexShard shard, int hash, ByteBuf key, int existing, int flags, int expiry, int now,
              ByteBuf first, ByteBuf second) {
        int address = newItem(key, existing, flags, expiry, now, first.readableBytes() + second.readableBytes());
        if (address == 0) {
            return 0;
        }
        ByteBuf page = memory.page(address);
        int at = memory.valueOffset(address);
        page.setBytes(at, first, first.readerIndex(), first.readableBytes());
        page.setBytes(at + first.readableBytes(), second, second.readerIndex(), second.readableBytes());
        link(shard, hash, existing, address);
        return address;
    }

    /**
     * A new item's chunk with its header and key written, not yet linked; 0 when
     * there is no memory for it. {@code existing} (if any) is kept from eviction
     * meanwhile, as its value may be copied into the new one. Shard lock held.
     */
    int newItem(ByteBuf key, int existing, int flags, int expiry, int now, int valueLength) {
        int size = SlabMemory.HEADER + key.readableBytes() + valueLength;
        if (existing != 0) {
            memory.pin(existing); // so that making room never evicts what we are replacing or copying
        }
        try {
            int address = eviction.allocate(size);
            if (address != 0) {
                memory.initItem(address, slabs.classFor(size), key, flags, expiry, store.nextCas(), now,
                        valueLength);
            }
            return address;
        } finally {
            if (existing != 0) {
                memory.release(existing); // the store's own reference still holds it
            }
        }
    }

    /** Links a written item into the index and its LRU, in place of {@code existing} (if any). Shard lock held. */
    void link(IndexShard shard, int hash, int existing, int address) {
        if (existing != 0) {
            shard.replace(hash, existing, address);
        } else {
            shard.insert(hash, address);
        }
        eviction.linkAtHead(existing, address);
    }

    /** Gives back a chunk that was never linked. */
    void discard(int address) {
        store.unpin(address);
    }
}
