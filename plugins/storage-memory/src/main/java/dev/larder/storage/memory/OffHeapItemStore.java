package dev.larder.storage.memory;

import dev.larder.spi.store.StorageMXBean;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.ItemVisitor;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.SlabClassStats;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import dev.larder.spi.store.StoreStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The item store: items in {@link SlabMemory} outside the heap, found through a
 * sharded {@link IndexShard index}, memory handed out and reclaimed by the
 * {@link SlabAllocator}, everything within the {@link MemoryBudget}.
 *
 * <p>Locking: an operation on a key holds its index shard's lock; allocation,
 * LRU and statistics take the allocator's lock inside it. Reads take only the
 * shard lock: they mark the item read with an atomic operation instead of moving
 * it in the LRU, and eviction gives such items a second chance, as memcached's
 * segmented LRU does. Eviction only ever tries the victim's shard lock, so the
 * lock order cannot deadlock.
 */
final class OffHeapItemStore implements ItemStore, StorageMXBean {

    static final int SHARD_BITS = 6;
    private static final int EVICTION_TRIES = 50;
    /** Pages one allocation may take from other classes: a large item may need several. */
    private static final int PAGES_TO_FREE = 129; // enough for the largest value (-I 128m) in 1 MiB pages

    private final ServerClock clock;
    /** Per size class, memcached's item figures; guarded by slabs.lock. */
    private final ClassCounters classCounters;
    /** The items' memory, -m. */
    private final MemoryBudget budget;
    /** The index's memory, beside -m. */
    private final MemoryBudget indexBudget;
    private final SlabMemory memory;
    private final SlabAllocator slabs;
    private final IndexShard[] shards = new IndexShard[1 << SHARD_BITS];
    private final AtomicLong casCounter = new AtomicLong();
    /** Whether old items make room for new ones ({@code -M} turns it off: refuse instead). */
    private final boolean evictLive;
    /** Whether items carry CAS uniques ({@code -C} turns it off: every item's is 0). */
    private final boolean casEnabled;
    /** Items whose CAS is at most this were flushed by a flush_all without delay. */
    private volatile long flushedCas;
    /**
     * memcached's {@code oldest_live}: once this store second has come, items last
     * stored or read at or before it are flushed; 0 for none.
     */
    private volatile int oldestLive;

    /** Lookups that found their item dead: expired, or flushed (memcached's get_expired and get_flushed). */
    private final LongAdder getExpired = new LongAdder();
    private final LongAdder getFlushed = new LongAdder();

    // Statistics, guarded by slabs.lock.
    private long slabsMoved;
    private long currItems;
    private long totalItems;
    private long bytes;
    private long evictions;
    private long expiredUnfetched;
    private long evictedUnfetched;
    private long reclaimed;

    OffHeapItemStore(long limitBytes, ServerClock clock) {
        this(limitBytes, clock, true, true);
    }

    OffHeapItemStore(long limitBytes, ServerClock clock, boolean evictLive, boolean casEnabled) {
        this.clock = clock;
        this.evictLive = evictLive;
        this.casEnabled = casEnabled;
        this.budget = new MemoryBudget(limitBytes);
        // As memcached's hash table, the index is not part of -m; it grows with the items, to an eighth of it.
        this.indexBudget = new MemoryBudget(Math.max(1L << 20, limitBytes / 8));
        this.memory = new SlabMemory(budget);
        this.slabs = new SlabAllocator(memory);
        this.classCounters = new ClassCounters(slabs.largeClass() + 1);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new IndexShard(memory, indexBudget, SHARD_BITS);
        }
    }

    /**
     * Counts memory as taken before any item is stored, as memcached's
     * {@code T_MEMD_INITIAL_MALLOC} does for its tests: it shows in
     * {@code total_malloced} and leaves only the rest of the limit for items.
     */
    void chargeAtStart(long bytes) {
        budget.chargeUnconditionally(bytes);
    }

    /** A new CAS unique, or 0 without them. */
    private long nextCas() {
        return casEnabled ? casCounter.incrementAndGet() : 0;
    }

    private IndexShard shardOf(int hash) {
        return shards[hash & (shards.length - 1)];
    }

    private static int hash(ByteBuf key) {
        return KeyHash.of(key, key.readerIndex(), key.readableBytes());
    }

    @Override
    public Item get(ByteBuf key) {
        return read(key, Access.READ, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
    }

    @Override
    public boolean read(ByteBuf source, int keyIndex, int keyLength, ItemVisitor visitor) {
        int hash = KeyHash.of(source, keyIndex, keyLength);
        IndexShard shard = shardOf(hash);
        int now = clock.now();
        Item pinned;
        shard.lock.lock();
        try {
            int address = findLive(shard, hash, source, keyIndex, keyLength, now);
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
            pinned = new Item(flags, cas, new PinnedValue(this, address, memory.nioPage(address),
                    memory.valueOffset(address), memory.valueLength(address)));
        } finally {
            shard.lock.unlock();
        }
        visitor.pinned(pinned);
        return true;
    }

    @Override
    public Item peek(ByteBuf key) {
        return read(key, Access.PEEK, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
    }

    @Override
    public Item getAndTouch(ByteBuf key, long exptime) {
        return read(key, Access.READ, exptime, NOT_GIVEN, NOT_GIVEN);
    }

    @Override
    public Item metaGet(ByteBuf key, long touchExptime, long vivifyExptime, long recacheSeconds,
                        boolean noUpdate) {
        return read(key, noUpdate ? Access.META_UNSEEN : Access.META, touchExptime, vivifyExptime, recacheSeconds);
    }

    private Item read(ByteBuf key, Access access, long touchExptime, long vivifyExptime, long recacheSeconds) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
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
            address = findLive(shard, hash, key, now);
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
            won = (access == Access.META || access == Access.META_UNSEEN) && winsRecache(address, refsBefore, created, recacheSeconds);
            if (won) {
                memory.setBits(address, SlabMemory.WIN_SENT);
            }
            flags = memory.getInt(address, SlabMemory.FLAGS);
            cas = memory.getLong(address, SlabMemory.CAS);
        } finally {
            shard.lock.unlock();
        }
        ByteBuf value = new PinnedValue(this, address, memory.nioPage(address), memory.valueOffset(address),
                memory.valueLength(address));
        long ttl = expiry == ServerClock.NEVER ? -1 : Math.max(0, expiry - now);
        return new Item(flags, cas, value, ttl, now - lastAccess, (refsBefore & SlabMemory.FETCHED) != 0,
                (refsBefore & SlabMemory.STALE) != 0, (refsBefore & SlabMemory.WIN_SENT) != 0, won);
    }

    /** How a read treats the item. */
    private enum Access {
        /** A client's read: marks the item read. */
        READ,
        /** The protocol reading back what it wrote: leaves no trace. */
        PEEK,
        /** A meta get: a client's read that may also win the right to recache. */
        META,
        /** A meta get with u: may win the right to recache, but leaves no trace of the read. */
        META_UNSEEN
    }

    /** An empty item for a meta get's miss (N flag); its address, or 0 when it cannot be had. Shard lock held. */
    private int vivify(IndexShard shard, int hash, ByteBuf key, long exptime, int now) {
        int expiry = clock.expiry(exptime);
        if (expiry == ServerClock.ALREADY_EXPIRED) {
            return 0;
        }
        return write(shard, hash, key, 0, 0, expiry, now, Unpooled.EMPTY_BUFFER, Unpooled.EMPTY_BUFFER);
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

    @Override
    public StoreReceipt storeWithCas(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value, long cas) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        int now = clock.now();
        shard.lock.lock();
        try {
            int existing = findLive(shard, hash, key, now);
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
                    if (casDiffers(existing, cas)) {
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

    /**
     * Writes a new item from two value parts and links it in place of {@code existing} (if any).
     * Returns its address, or 0 when there is no memory for it. Shard lock held.
     */
    private int write(IndexShard shard, int hash, ByteBuf key, int existing, int flags, int expiry, int now,
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
    private int newItem(ByteBuf key, int existing, int flags, int expiry, int now, int valueLength) {
        int size = SlabMemory.HEADER + key.readableBytes() + valueLength;
        if (existing != 0) {
            memory.pin(existing); // so that making room never evicts what we are replacing or copying
        }
        try {
            int address = allocate(size);
            if (address != 0) {
                memory.initItem(address, slabs.classFor(size), key, flags, expiry, nextCas(), now,
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
    private void link(IndexShard shard, int hash, int existing, int address) {
        if (existing != 0) {
            shard.replace(hash, existing, address);
        } else {
            shard.insert(hash, address);
        }
        slabs.lock.lock();
        try {
            if (existing != 0) {
                unlinkLocked(existing);
            }
            slabs.linkHead(address);
            currItems++;
            totalItems++;
            bytes += memory.itemSize(address);
            classCounters.memRequested[memory.slabClass(address)] += memory.itemSize(address);
        } finally {
            slabs.lock.unlock();
        }
    }

    /** Gives back a chunk that was never linked. */
    private void discard(int address) {
        if (memory.release(address) == 0) {
            slabs.lock.lock();
            try {
                freeChunk(address);
            } finally {
                slabs.lock.unlock();
            }
        }
    }

    @Override
    public DeleteResult delete(ByteBuf key, long cas) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        shard.lock.lock();
        try {
            int address = findLive(shard, hash, key, clock.now());
            if (address == 0) {
                return DeleteResult.NOT_FOUND;
            }
            if (casDiffers(address, cas)) {
                return DeleteResult.EXISTS;
            }
            unlink(shard, hash, address, false);
            return DeleteResult.DELETED;
        } finally {
            shard.lock.unlock();
        }
    }

    @Override
    public StoreResult invalidate(ByteBuf key, long cas, long exptime) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        shard.lock.lock();
        try {
            int address = findLive(shard, hash, key, clock.now());
            if (address == 0) {
                return StoreResult.NOT_FOUND;
            }
            if (casDiffers(address, cas)) {
                return StoreResult.EXISTS;
            }
            if (exptime != NOT_GIVEN) {
                memory.setInt(address, SlabMemory.EXPIRY, clock.expiry(exptime));
            }
            memory.setBits(address, SlabMemory.STALE);
            memory.clearBits(address, SlabMemory.WIN_SENT); // so that the next reader wins the recache
            memory.setLong(address, SlabMemory.CAS, nextCas());
            return StoreResult.STORED;
        } finally {
            shard.lock.unlock();
        }
    }

    @Override
    public boolean touch(ByteBuf key, long exptime) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        int now = clock.now();
        shard.lock.lock();
        try {
            int address = findLive(shard, hash, key, now);
            if (address == 0) {
                return false;
            }
            memory.setInt(address, SlabMemory.EXPIRY, clock.expiry(exptime));
            memory.setInt(address, SlabMemory.TIME, now);
            return true;
        } finally {
            shard.lock.unlock();
        }
    }

    @Override
    public ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta, long cas) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        int now = clock.now();
        shard.lock.lock();
        try {
            int address = findLive(shard, hash, key, now);
            if (address == 0) {
                return ArithmeticResult.NOT_FOUND;
            }
            if (casDiffers(address, cas)) {
                return ArithmeticResult.EXISTS;
            }
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
                long newCas = nextCas();
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
            return new ArithmeticResult(ArithmeticResult.Status.OK, next, memory.getLong(rewritten, SlabMemory.CAS));
        } finally {
            shard.lock.unlock();
        }
    }

    /**
     * memcached's flush_all: with CAS uniques, everything stored so far is dead
     * at once (or, with a delay, what was last stored or read before then dies
     * then); without them, only the time tells, so an item stored in the second
     * of the flush is flushed too, as memcached's -C does.
     */
    @Override
    public void flushAll(long delaySeconds) {
        int now = clock.now();
        int newOldest = delaySeconds > 0 ? clock.expiry(delaySeconds) : now;
        if (casEnabled) {
            oldestLive = newOldest - 1;
            if (newOldest - 1 <= now) {
                flushedCas = casCounter.get();
            }
        } else {
            oldestLive = newOldest;
        }
    }

    /** Whether a command that names a CAS unique ({@code cas} not 0) must leave this item alone. */
    private boolean casDiffers(int address, long cas) {
        return casEnabled && cas != 0 && memory.getLong(address, SlabMemory.CAS) != cas;
    }

    /** The linked, live item with this key, or 0; a dead one found on the way is unlinked. Shard lock held. */
    private int findLive(IndexShard shard, int hash, ByteBuf key, int now) {
        return findLive(shard, hash, key, key.readerIndex(), key.readableBytes(), now);
    }

    /** As the other, for a key that is {@code length} bytes of {@code source} from {@code index}. Lock held. */
    private int findLive(IndexShard shard, int hash, ByteBuf source, int index, int length, int now) {
        int address = shard.find(hash, source, index, length);
        if (address != 0 && !live(address, now)) {
            (ServerClock.expired(memory.getInt(address, SlabMemory.EXPIRY), now) ? getExpired : getFlushed)
                    .increment();
            unlink(shard, hash, address, true);
            return 0;
        }
        return address;
    }

    private boolean live(int address, int now) {
        if (ServerClock.expired(memory.getInt(address, SlabMemory.EXPIRY), now)
                || (casEnabled && memory.getLong(address, SlabMemory.CAS) <= flushedCas)) {
            return false;
        }
        int oldest = oldestLive;
        return oldest == 0 || oldest > now || memory.getInt(address, SlabMemory.TIME) > oldest;
    }

    /** Takes an item out of the index and its LRU. Shard lock held. */
    private void unlink(IndexShard shard, int hash, int address, boolean expired) {
        shard.remove(hash, address);
        slabs.lock.lock();
        try {
            if (expired) {
                countRemoval(address, memory.refs(address), true); // its memory is free again: reclaimed, as memcached
            }
            unlinkLocked(address);
        } finally {
            slabs.lock.unlock();
        }
    }

    /** LRU, statistics and the store's reference, for an item already out of the index. Allocator lock held. */
    private void unlinkLocked(int address) {
        slabs.unlink(address);
        currItems--;
        bytes -= memory.itemSize(address);
        classCounters.memRequested[memory.slabClass(address)] -= memory.itemSize(address);
        if (memory.release(address) == 0) {
            freeChunk(address);
        }
    }

    /**
     * Gives a chunk back to its class; while memory is over a limit lowered by
     * cache_memlimit, a page left empty goes back to the JVM, as memcached gives
     * pages back then. Allocator lock held.
     */
    private void freeChunk(int address) {
        slabs.free(address);
        int page = SlabMemory.pageOf(address);
        if (budget.used() > budget.limit() && memory.hasPage(page) && memory.slabClass(address) != slabs.largeClass()
                && slabs.used(page) == 0) {
            slabs.releasePage(page);
        }
    }

    /** Called when a reader releases a value. */
    void unpin(int address) {
        if (memory.release(address) == 0) {
            slabs.lock.lock();
            try {
                freeChunk(address);
            } finally {
                slabs.lock.unlock();
            }
        }
    }

    /**
     * A chunk for an item of {@code size} bytes; 0 if none can be had. When memory
     * is full it evicts from the class's LRU, and when the class has nothing to
     * evict it takes a page from another class (memcached's slab reassignment,
     * done at once rather than in the background). With evictions off (-M) only
     * dead items make room.
     */
    private int allocate(int size) {
        int slabClass = slabs.classFor(size);
        slabs.lock.lock();
        try {
            long pageSize = slabClass == slabs.largeClass() ? SlabAllocator.align8(size) : SlabMemory.PAGE_SIZE;
            if (pageSize > budget.limit()) {
                return 0; // could never fit: refuse before evicting anything for it
            }
            if (!slabs.hasRoom(slabClass)) {
                reclaimDeadTail(slabClass); // as memcached: dead items' memory before new memory
            }
            int address = slabs.allocateFree(slabClass, size);
            for (int tries = 0; address == 0 && tries < EVICTION_TRIES && slabs.tail(slabClass) != 0; tries++) {
                if (evictTail(slabClass)) {
                    address = slabs.allocateFree(slabClass, size);
                }
            }
            for (int freed = 0; address == 0 && freed < PAGES_TO_FREE && freeAPage(slabClass); freed++) {
                address = slabs.allocateFree(slabClass, size);
            }
            // Memory full of items with pages of their own: those pages make room too.
            int large = slabs.largeClass();
            for (int tries = 0; address == 0 && slabClass != large && tries < EVICTION_TRIES && slabs.tail(large) != 0;
                 tries++) {
                if (evictTail(large)) {
                    address = slabs.allocateFree(slabClass, size);
                }
            }
            if (address == 0) {
                classCounters.outOfMemory[slabClass]++;
            }
            return address;
        } finally {
            slabs.lock.unlock();
        }
    }

    /**
     * Gives a whole page of a small class back to the budget: an empty one, or one
     * whose items are evicted. Allocator lock held.
     */
    private boolean freeAPage(int needy) {
        int page = slabs.emptyPage(needy);
        if (page == 0) {
            int donor = slabs.donorClass(needy);
            if (donor < 0) {
                return false;
            }
            page = SlabMemory.pageOf(slabs.tail(donor));
            for (int chunk : slabs.chunksOf(page)) {
                int refs = memory.refs(chunk);
                if ((refs & SlabMemory.REF_MASK) == 0) {
                    continue; // free
                }
                if ((refs & SlabMemory.LINKED) == 0 || (!evictLive && live(chunk, clock.now()))
                        || !removeFromIndex(chunk)) {
                    return false; // being written, or read, or its shard is busy, or not to be evicted
                }
                countRemoval(chunk, refs, !live(chunk, clock.now()));
                unlinkLocked(chunk);
            }
            if (slabs.used(page) != 0) {
                return false;
            }
        }
        slabs.releasePage(page);
        slabsMoved++;
        return true;
    }

    /** Items looked at from the LRU's tail for dead ones before new memory is taken, as memcached's. */
    private static final int DEAD_TAIL_SEARCH = 5;

    /** Frees the dead (expired, flushed) items among the last few of the class's LRU. Allocator lock held. */
    private void reclaimDeadTail(int slabClass) {
        int now = clock.now();
        int address = slabs.tail(slabClass);
        for (int looked = 0; address != 0 && looked < DEAD_TAIL_SEARCH; looked++) {
            int newer = slabs.newer(address);
            int refs = memory.refs(address);
            if ((refs & SlabMemory.REF_MASK) == 1 && !live(address, now) && removeFromIndex(address)) {
                countRemoval(address, refs, true);
                unlinkLocked(address);
            }
            address = newer;
        }
    }

    /** Frees the class's LRU tail if it is dead, or old and unused; else moves it on. Allocator lock held. */
    private boolean evictTail(int slabClass) {
        int victim = slabs.tail(slabClass);
        int refs = memory.refs(victim);
        boolean dead = !live(victim, clock.now());
        if ((refs & SlabMemory.REF_MASK) != 1 || (!dead && ((refs & SlabMemory.ACTIVE) != 0 || !evictLive))
                || !removeFromIndex(victim)) {
            memory.clearActive(victim);
            slabs.moveToHead(victim);
            return false;
        }
        countRemoval(victim, refs, dead);
        unlinkLocked(victim);
        return true;
    }

    /**
     * Takes an item nobody is reading out of the index, if its shard's lock can be
     * had without waiting (the caller holds the allocator lock). Allocator lock held.
     */
    private boolean removeFromIndex(int victim) {
        int hash = memory.keyHash(victim);
        IndexShard shard = shardOf(hash);
        if (!shard.lock.tryLock()) {
            return false;
        }
        try {
            if ((memory.refs(victim) & SlabMemory.REF_MASK) != 1) {
                return false;
            }
            shard.remove(hash, victim);
            return true;
        } finally {
            shard.lock.unlock();
        }
    }

    private void countRemoval(int address, int refs, boolean dead) {
        boolean fetched = (refs & SlabMemory.FETCHED) != 0;
        classCounters.removed(memory.slabClass(address), dead, fetched,
                memory.getInt(address, SlabMemory.EXPIRY) != ServerClock.NEVER, memory.getInt(address, SlabMemory.TIME));
        if (dead) {
            reclaimed++;
            if (!fetched) {
                expiredUnfetched++;
            }
        } else {
            evictions++;
            if (!fetched) {
                evictedUnfetched++;
            }
        }
    }

    /** Calls the visitor with every live item, shard by shard, each shard locked meanwhile. */
    void forEachLive(LiveItemVisitor visitor) throws java.io.IOException {
        int now = clock.now();
        for (IndexShard shard : shards) {
            shard.lock.lock();
            try {
                int[] addresses = addressesOf(shard);
                for (int address : addresses) {
                    if (live(address, now)) {
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
            throws java.io.IOException {
        int expiry = clock.expiry(unixExpiry);
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        shard.lock.lock();
        try {
            int now = clock.now();
            int existing = findLive(shard, hash, key, now);
            int address = expiry == ServerClock.ALREADY_EXPIRED ? 0
                    : newItem(key, existing, flags, expiry, now, valueLength);
            if (address == 0) {
                value.skip();
                return false;
            }
            try {
                value.readInto(memory.page(address), memory.valueOffset(address));
            } catch (java.io.IOException | RuntimeException e) {
                discard(address);
                throw e;
            }
            memory.setLong(address, SlabMemory.CAS, cas);
            casCounter.accumulateAndGet(cas, Math::max);
            link(shard, hash, existing, address);
            return true;
        } finally {
            shard.lock.unlock();
        }
    }

    /** Where a restored value comes from: read into the store's memory, or skipped. */
    interface ValueSource {
        /** Writes the value's bytes into {@code page} from {@code index}. */
        void readInto(ByteBuf page, int index) throws java.io.IOException;

        /** Reads past the value. */
        void skip() throws java.io.IOException;
    }

    /**
     * Gives all the store's memory back to the JVM at once: its pages and index.
     * The store is not used again (the server is stopping, a test is done).
     */
    void close() {
        slabs.lock.lock();
        try {
            for (IndexShard shard : shards) {
                shard.free();
            }
            memory.freeAll();
        } finally {
            slabs.lock.unlock();
        }
    }

    /** Removes every item. */
    void clear() {
        for (IndexShard shard : shards) {
            shard.lock.lock();
            try {
                for (int address : addressesOf(shard)) {
                    unlink(shard, memory.keyHash(address), address, false);
                }
            } finally {
                shard.lock.unlock();
            }
        }
    }

    /**
     * What is wrong with the store's books, if anything: the items the index
     * holds against {@code curr_items} and {@code bytes}, the LRUs' counts, and
     * the memory used against the limit. Empty when they agree. For tests and
     * fuzzing; it locks every shard in turn, so not for the request path.
     */
    List<String> accountingProblems() {
        long indexed = 0;
        long indexedBytes = 0;
        List<String> problems = new ArrayList<>();
        for (IndexShard shard : shards) {
            shard.lock.lock();
            try {
                for (int address : addressesOf(shard)) {
                    indexed++;
                    indexedBytes += memory.itemSize(address);
                    int refs = memory.refs(address);
                    if ((refs & SlabMemory.LINKED) == 0 || (refs & SlabMemory.REF_MASK) == 0) {
                        problems.add("item at " + address + " is in the index but not linked (refs " + refs + ")");
                    }
                }
            } finally {
                shard.lock.unlock();
            }
        }
        slabs.lock.lock();
        try {
            long inLrus = 0;
            for (int c = 0; c <= slabs.largeClass(); c++) {
                inLrus += slabs.items(c);
            }
            if (indexed != currItems || inLrus != currItems) {
                problems.add("curr_items " + currItems + ", but " + indexed + " indexed and " + inLrus + " in LRUs");
            }
            if (indexedBytes != bytes) {
                problems.add("bytes " + bytes + ", but the indexed items take " + indexedBytes);
            }
            if (bytes > budget.used()) {
                problems.add("bytes " + bytes + ", more than the memory used, " + budget.used());
            }
        } finally {
            slabs.lock.unlock();
        }
        return problems;
    }

    private static int[] addressesOf(IndexShard shard) {
        int[] addresses = new int[shard.count()];
        int[] at = {0};
        shard.forEach(address -> addresses[at[0]++] = address);
        return addresses;
    }

    @Override
    public StoreStats stats() {
        slabs.lock.lock();
        try {
            long buckets = 0;
            for (IndexShard shard : shards) {
                buckets += shard.tableBytes() / 4;
            }
            return new StoreStats(currItems, totalItems, bytes, budget.limit(), evictions, expiredUnfetched,
                    evictedUnfetched, reclaimed, budget.used(), getExpired.sum(), getFlushed.sum(), slabsMoved,
                    buckets);
        } finally {
            slabs.lock.unlock();
        }
    }

    /** {@code stats reset}: the per-class counts start again. */
    @Override
    public void resetStats() {
        slabs.lock.lock();
        try {
            classCounters.reset();
            totalItems = 0;
            evictions = 0;
            expiredUnfetched = 0;
            evictedUnfetched = 0;
            reclaimed = 0;
            slabsMoved = 0;
        } finally {
            slabs.lock.unlock();
        }
        getExpired.reset();
        getFlushed.reset();
    }

    @Override
    public void setMemoryLimit(long bytes) {
        budget.setLimit(bytes);
    }

    @Override
    public List<SlabClassStats> slabClasses() {
        slabs.lock.lock();
        try {
            List<SlabClassStats> classes = new ArrayList<>();
            int now = clock.now();
            ClassCounters k = classCounters;
            for (int c = 0; c <= slabs.largeClass(); c++) {
                if (slabs.pages(c) > 0 || k.evicted[c] > 0 || k.outOfMemory[c] > 0) {
                    boolean large = c == slabs.largeClass();
                    int chunk = large ? SlabMemory.PAGE_SIZE : slabs.chunkSize(c);
                    int tail = slabs.tail(c);
                    long age = tail == 0 ? 0 : now - memory.getInt(tail, SlabMemory.TIME);
                    long evictedTime = k.evicted[c] == 0 ? 0 : now - k.lastEvictedAccess[c];
                    classes.add(new SlabClassStats(c + 1, chunk, large ? 1 : SlabMemory.PAGE_SIZE / chunk,
                            slabs.pages(c), large ? slabs.pages(c) : slabs.usedChunks(c), slabs.items(c),
                            k.memRequested[c], age, k.evicted[c], k.evictedNonzero[c], evictedTime, k.outOfMemory[c],
                            k.reclaimed[c], k.expiredUnfetched[c], k.evictedUnfetched[c]));
                }
            }
            return classes;
        } finally {
            slabs.lock.unlock();
        }
    }

    @Override
    public List<DumpedItem> dump(int slabClass, int limit) {
        List<DumpedItem> items = new ArrayList<>();
        int c = slabClass - 1; // numbered from 1, as slabClasses() numbers them
        if (c < 0 || c > slabs.largeClass()) {
            return items;
        }
        int now = clock.now();
        slabs.lock.lock();
        try {
            for (int address = slabs.head(c); address != 0 && items.size() < limit; address = slabs.older(address)) {
                if (live(address, now)) {
                    ByteBuf page = memory.page(address);
                    int expiry = memory.getInt(address, SlabMemory.EXPIRY);
                    items.add(new DumpedItem(page.toString(memory.keyOffset(address), memory.keyLength(address),
                            StandardCharsets.ISO_8859_1), memory.valueLength(address),
                            expiry == ServerClock.NEVER ? 0 : clock.toUnixTime(expiry)));
                }
            }
        } finally {
            slabs.lock.unlock();
        }
        return items;
    }

    @Override
    public long getCurrItems() {
        return stats().currItems();
    }

    @Override
    public long getTotalItems() {
        return stats().totalItems();
    }

    @Override
    public long getBytes() {
        return stats().bytes();
    }

    @Override
    public long getLimitMaxbytes() {
        return budget.limit();
    }

    @Override
    public long getEvictions() {
        return stats().evictions();
    }

    @Override
    public long getExpiredUnfetched() {
        return stats().expiredUnfetched();
    }

    @Override
    public long getEvictedUnfetched() {
        return stats().evictedUnfetched();
    }

    @Override
    public long getReclaimed() {
        return stats().reclaimed();
    }

    @Override
    public long getTotalMalloced() {
        return budget.used();
    }

    /** What {@link #forEachLive} hands out; the buffers are only valid during the call. */
    interface LiveItemVisitor {
        void visit(ByteBuf key, int flags, long unixExpiry, long cas, ByteBuf value) throws java.io.IOException;
    }
}
