package dev.larder.storage.memory;

import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.ItemVisitor;
import dev.larder.spi.store.SlabClassStats;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import dev.larder.spi.store.StoreStats;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The item store: items in {@link SlabMemory} outside the heap, found through a
 * sharded {@link IndexShard index}, memory handed out and reclaimed by the
 * {@link SlabAllocator}, everything within the {@link MemoryBudget}. This class
 * holds the index and what every operation shares (finding a live item,
 * unlinking one, flushing); reads are {@link ItemReads}, writes
 * {@link ItemWrites}, making room {@link Eviction}, the figures
 * {@link StoreCounts} and {@link SlabReport}, warm restarts {@link ItemSnapshot}.
 *
 * <p>Locking: an operation on a key holds its index shard's lock; allocation,
 * LRU and statistics take the allocator's lock inside it. Reads take only the
 * shard lock: they mark the item read with an atomic operation instead of moving
 * it in the LRU, and eviction gives such items a second chance, as memcached's
 * segmented LRU does. Eviction only ever tries the victim's shard lock, so the
 * lock order cannot deadlock.
 */
final class OffHeapItemStore implements ItemStore {

    static final int SHARD_BITS = 6;

    private final ServerClock clock;
    /** The items' memory, -m. */
    private final MemoryBudget budget;
    private final SlabMemory memory;
    private final SlabAllocator slabs;
    private final IndexShard[] shards = new IndexShard[1 << SHARD_BITS];
    private final AtomicLong casCounter = new AtomicLong();
    /** Whether items carry CAS uniques ({@code -C} turns it off: every item's is 0). */
    private final boolean casEnabled;
    private final StoreCounts counts;
    private final ItemWrites writes;
    private final ItemReads reads;
    private final SlabReport report;
    private final ItemSnapshot snapshot;
    /** Items whose CAS is at most this were flushed by a flush_all without delay. */
    private volatile long flushedCas;
    /**
     * memcached's {@code oldest_live}: once this store second has come, items last
     * stored or read at or before it are flushed; 0 for none.
     */
    private volatile int oldestLive;

    OffHeapItemStore(long limitBytes, ServerClock clock) {
        this(limitBytes, clock, true, true);
    }

    OffHeapItemStore(long limitBytes, ServerClock clock, boolean evictLive, boolean casEnabled) {
        this.clock = clock;
        this.casEnabled = casEnabled;
        this.budget = new MemoryBudget(limitBytes);
        // As memcached's hash table, the index is not part of -m; it grows with the items, to an eighth of it.
        MemoryBudget indexBudget = new MemoryBudget(Math.max(1L << 20, limitBytes / 8));
        this.memory = new SlabMemory(budget);
        this.slabs = new SlabAllocator(memory);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new IndexShard(memory, indexBudget, SHARD_BITS);
        }
        this.counts = new StoreCounts(memory, slabs.largeClass() + 1);
        Eviction eviction = new Eviction(this, memory, slabs, budget, counts, clock, evictLive);
        this.writes = new ItemWrites(this, memory, slabs, eviction, clock, casEnabled);
        this.reads = new ItemReads(this, writes, memory, clock);
        this.report = new SlabReport(this, memory, slabs, counts, clock);
        this.snapshot = new ItemSnapshot(this, writes, memory, clock);
    }

    /**
     * Counts memory as taken before any item is stored, as memcached's
     * {@code T_MEMD_INITIAL_MALLOC} does for its tests: it shows in
     * {@code total_malloced} and leaves only the rest of the limit for items.
     */
    void chargeAtStart(long bytes) {
        budget.chargeUnconditionally(bytes);
    }

    @Override
    public Item get(ByteBuf key) {
        return reads.read(key, ItemReads.Access.READ, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
    }

    @Override
    public boolean read(ByteBuf source, int keyIndex, int keyLength, ItemVisitor visitor) {
        return reads.read(source, keyIndex, keyLength, visitor);
    }

    @Override
    public Item peek(ByteBuf key) {
        return reads.read(key, ItemReads.Access.PEEK, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN);
    }

    @Override
    public Item getAndTouch(ByteBuf key, long exptime) {
        return reads.read(key, ItemReads.Access.READ, exptime, NOT_GIVEN, NOT_GIVEN);
    }

    @Override
    public Item metaGet(ByteBuf key, long touchExptime, long vivifyExptime, long recacheSeconds,
                        boolean noUpdate) {
        return reads.read(key, noUpdate ? ItemReads.Access.META_UNSEEN : ItemReads.Access.META, touchExptime,
                vivifyExptime, recacheSeconds);
    }

    @Override
    public StoreReceipt storeWithCas(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value, long cas) {
        return writes.store(mode, key, flags, exptime, value, cas);
    }

    @Override
    public ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta, long cas) {
        return writes.incrementOrDecrement(key, increment, delta, cas);
    }

    @Override
    public DeleteResult delete(ByteBuf key, long cas) {
        return onLiveItem(key, cas, DeleteResult.NOT_FOUND, DeleteResult.EXISTS, (shard, hash, address, now) -> {
            unlink(shard, hash, address, false);
            return DeleteResult.DELETED;
        });
    }

    @Override
    public StoreResult invalidate(ByteBuf key, long cas, long exptime) {
        return onLiveItem(key, cas, StoreResult.NOT_FOUND, StoreResult.EXISTS, (shard, hash, address, now) -> {
            if (exptime != NOT_GIVEN) {
                memory.setInt(address, SlabMemory.EXPIRY, clock.expiry(exptime));
            }
            memory.setBits(address, SlabMemory.STALE);
            memory.clearBits(address, SlabMemory.WIN_SENT); // so that the next reader wins the recache
            memory.setLong(address, SlabMemory.CAS, nextCas());
            return StoreResult.STORED;
        });
    }

    @Override
    public boolean touch(ByteBuf key, long exptime) {
        return onLiveItem(key, 0, false, false, (shard, hash, address, now) -> {
            memory.setInt(address, SlabMemory.EXPIRY, clock.expiry(exptime));
            memory.setInt(address, SlabMemory.TIME, now);
            return true;
        });
    }

    /** What an update does with the live item it found, under its shard's lock. */
    interface LiveItemOperation<R> {
        R apply(IndexShard shard, int hash, int address, int now);
    }

    /**
     * The opening every update of one item shares: its shard locked, the live item
     * found ({@code missing} when there is none) and the CAS unique a command names
     * checked ({@code casMismatch} when it is another's), then the operation.
     */
    <R> R onLiveItem(ByteBuf key, long cas, R missing, R casMismatch, LiveItemOperation<R> operation) {
        int hash = hash(key);
        IndexShard shard = shardOf(hash);
        int now = clock.now();
        shard.lock.lock();
        try {
            int address = findLive(shard, hash, key, now);
            if (address == 0) {
                return missing;
            }
            if (casDiffers(address, cas)) {
                return casMismatch;
            }
            return operation.apply(shard, hash, address, now);
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

    IndexShard shardOf(int hash) {
        return shards[hash & (shards.length - 1)];
    }

    IndexShard[] shards() {
        return shards;
    }

    static int hash(ByteBuf key) {
        return KeyHash.of(key, key.readerIndex(), key.readableBytes());
    }

    /** A new CAS unique, or 0 without them. */
    long nextCas() {
        return casEnabled ? casCounter.incrementAndGet() : 0;
    }

    /** After an item is restored with its CAS unique: new uniques come after it. */
    void casAtLeast(long cas) {
        casCounter.accumulateAndGet(cas, Math::max);
    }

    /** Whether a command that names a CAS unique ({@code cas} not 0) must leave this item alone. */
    boolean casDiffers(int address, long cas) {
        return casEnabled && cas != 0 && memory.getLong(address, SlabMemory.CAS) != cas;
    }

    /** The linked, live item with this key, or 0; a dead one found on the way is unlinked. Shard lock held. */
    int findLive(IndexShard shard, int hash, ByteBuf key, int now) {
        return findLive(shard, hash, key, key.readerIndex(), key.readableBytes(), now);
    }

    /** As the other, for a key that is {@code length} bytes of {@code source} from {@code index}. Lock held. */
    int findLive(IndexShard shard, int hash, ByteBuf source, int index, int length, int now) {
        int address = shard.find(hash, source, index, length);
        if (address != 0 && !live(address, now)) {
            counts.foundDead(ServerClock.expired(memory.getInt(address, SlabMemory.EXPIRY), now));
            unlink(shard, hash, address, true);
            return 0;
        }
        return address;
    }

    boolean live(int address, int now) {
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
                counts.removed(address, memory.refs(address), true); // its memory is free again: reclaimed, as memcached
            }
            unlinkLocked(address);
        } finally {
            slabs.lock.unlock();
        }
    }

    /** LRU, statistics and the store's reference, for an item already out of the index. Allocator lock held. */
    void unlinkLocked(int address) {
        slabs.unlink(address);
        counts.unlinked(address);
        if (memory.release(address) == 0) {
            freeChunk(address);
        }
    }

    /**
     * Gives a chunk back to its class; while memory is over a limit lowered by
     * cache_memlimit, a page left empty goes back to the JVM, as memcached gives
     * pages back then. Allocator lock held.
     */
    void freeChunk(int address) {
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

    ItemSnapshot snapshot() {
        return snapshot;
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

    /** What is wrong with the store's books, if anything (see {@link StoreAudit}); for tests and fuzzing. */
    List<String> accountingProblems() {
        return StoreAudit.problems(this, memory, slabs, counts, budget);
    }

    static int[] addressesOf(IndexShard shard) {
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
            return counts.snapshot(budget, buckets);
        } finally {
            slabs.lock.unlock();
        }
    }

    /** {@code stats reset}: the counts start again. */
    @Override
    public void resetStats() {
        slabs.lock.lock();
        try {
            counts.reset();
        } finally {
            slabs.lock.unlock();
        }
    }

    @Override
    public void setMemoryLimit(long bytes) {
        budget.setLimit(bytes);
    }

    @Override
    public List<SlabClassStats> slabClasses() {
        return report.classes();
    }

    @Override
    public List<DumpedItem> dump(int slabClass, int limit) {
        return report.dump(slabClass, limit);
    }
}
