package dev.larder.storage.memory;

import dev.larder.spi.store.StoreStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's item figures, by memcached's names, in total and per size class.
 * Guarded by the allocator's lock, which every change to the LRUs holds; the
 * lookups that find a dead item count without it.
 */
final class StoreCounts {

    private final SlabMemory memory;
    final ClassCounters perClass;
    /** Lookups that found their item dead: expired, or flushed (memcached's get_expired and get_flushed). */
    private final LongAdder getExpired = new LongAdder();
    private final LongAdder getFlushed = new LongAdder();

    long currItems;
    long bytes;
    private long totalItems;
    private long slabsMoved;
    private long evictions;
    private long expiredUnfetched;
    private long evictedUnfetched;
    private long reclaimed;

    StoreCounts(SlabMemory memory, int classes) {
        this.memory = memory;
        this.perClass = new ClassCounters(classes);
    }

    /** An item went into the index and its LRU. */
    void linked(int address) {
        currItems++;
        totalItems++;
        bytes += memory.itemSize(address);
        perClass.memRequested[memory.slabClass(address)] += memory.itemSize(address);
    }

    /** An item left the index and its LRU. */
    void unlinked(int address) {
        currItems--;
        bytes -= memory.itemSize(address);
        perClass.memRequested[memory.slabClass(address)] -= memory.itemSize(address);
    }

    /** An item left to make room, or because it was dead: an eviction or a reclaim, read before or not. */
    void removed(int address, int refs, boolean dead) {
        boolean fetched = (refs & SlabMemory.FETCHED) != 0;
        perClass.removed(memory.slabClass(address), dead, fetched,
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

    void slabMoved() {
        slabsMoved++;
    }

    void outOfMemory(int slabClass) {
        perClass.outOfMemory[slabClass]++;
    }

    /** A lookup found its item dead: expired, or else flushed. */
    void foundDead(boolean expired) {
        (expired ? getExpired : getFlushed).increment();
    }

    StoreStats snapshot(MemoryBudget budget, long hashBuckets) {
        return new StoreStats(currItems, totalItems, bytes, budget.limit(), evictions, expiredUnfetched,
                evictedUnfetched, reclaimed, budget.used(), getExpired.sum(), getFlushed.sum(), slabsMoved,
                hashBuckets);
    }

    /** {@code stats reset}: the counts start again; what the store holds now stays. */
    void reset() {
        perClass.reset();
        totalItems = 0;
        evictions = 0;
        expiredUnfetched = 0;
        evictedUnfetched = 0;
        reclaimed = 0;
        slabsMoved = 0;
        getExpired.reset();
        getFlushed.reset();
    }
}
