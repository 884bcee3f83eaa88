package dev.larder.storage.memory;

/**
 * Finds memory for new items, and links them into their LRU. Memory comes from
 * free chunks first, then dead items' chunks, then the LRU tail's (memcached's
 * eviction), then whole pages taken from other size classes (memcached's slab
 * reassignment, done at once rather than in the background). Runs under the
 * allocator's lock, inside the new item's shard lock; it only ever tries a
 * victim's shard lock, so the lock order cannot deadlock.
 */
final class Eviction {

    private static final int EVICTION_TRIES = 50;
    /** Pages one allocation may take from other classes: a large item may need several. */
    private static final int PAGES_TO_FREE = 129; // enough for the largest value (-I 128m) in 1 MiB pages
    /** Items looked at from the LRU's tail for dead ones before new memory is taken, as memcached's. */
    private static final int DEAD_TAIL_SEARCH = 5;

    private final OffHeapItemStore store;
    private final SlabMemory memory;
    private final SlabAllocator slabs;
    private final MemoryBudget budget;
    private final StoreCounts counts;
    private final ServerClock clock;
    /** Whether old items make room for new ones ({@code -M} turns it off: refuse instead). */
    private final boolean evictLive;

    Eviction(OffHeapItemStore store, SlabMemory memory, SlabAllocator slabs, MemoryBudget budget, StoreCounts counts,
             ServerClock clock, boolean evictLive) {
        this.store = store;
        this.memory = memory;
        this.slabs = slabs;
        this.budget = budget;
        this.counts = counts;
        this.clock = clock;
        this.evictLive = evictLive;
    }

    /** A chunk for an item of {@code size} bytes; 0 if none can be had. With evictions off (-M) only dead items make room. */
    int allocate(int size) {
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
                counts.outOfMemory(slabClass);
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
                if ((refs & SlabMemory.LINKED) == 0 || (!evictLive && store.live(chunk, clock.now()))
                        || !removeFromIndex(chunk)) {
                    return false; // being written, or read, or its shard is busy, or not to be evicted
                }
                counts.removed(chunk, refs, !store.live(chunk, clock.now()));
                store.unlinkLocked(chunk);
            }
            if (slabs.used(page) != 0) {
                return false;
            }
        }
        slabs.releasePage(page);
        counts.slabMoved();
        return true;
    }

    /** Frees the dead (expired, flushed) items among the last few of the class's LRU. Allocator lock held. */
    private void reclaimDeadTail(int slabClass) {
        int now = clock.now();
        int address = slabs.tail(slabClass);
        for (int looked = 0; address != 0 && looked < DEAD_TAIL_SEARCH; looked++) {
            int newer = slabs.newer(address);
            int refs = memory.refs(address);
            if ((refs & SlabMemory.REF_MASK) == 1 && !store.live(address, now) && removeFromIndex(address)) {
                counts.removed(address, refs, true);
                store.unlinkLocked(address);
            }
            address = newer;
        }
    }

    /** Frees the class's LRU tail if it is dead, or old and unused; else moves it on. Allocator lock held. */
    private boolean evictTail(int slabClass) {
        int victim = slabs.tail(slabClass);
        int refs = memory.refs(victim);
        boolean dead = !store.live(victim, clock.now());
        if ((refs & SlabMemory.REF_MASK) != 1 || (!dead && ((refs & SlabMemory.ACTIVE) != 0 || !evictLive))
                || !removeFromIndex(victim)) {
            memory.clearActive(victim);
            slabs.moveToHead(victim);
            return false;
        }
        counts.removed(victim, refs, dead);
        store.unlinkLocked(victim);
        return true;
    }

    /**
     * Takes an item nobody is reading out of the index, if its shard's lock can be
     * had without waiting (the caller holds the allocator lock).
     */
    private boolean removeFromIndex(int victim) {
        int hash = memory.keyHash(victim);
        IndexShard shard = store.shardOf(hash);
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

    /** Puts a new item at its LRU's head, in place of {@code existing} (if any), already out of the index. */
    void linkAtHead(int existing, int address) {
        slabs.lock.lock();
        try {
            if (existing != 0) {
                store.unlinkLocked(existing);
            }
            slabs.linkHead(address);
            counts.linked(address);
        } finally {
            slabs.lock.unlock();
        }
    }
}
