package dev.larder.storage.memory;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Chunks of slab pages, by size class as memcached's slabs: each class has a
 * free list, a page it is carving, and an LRU list of its linked items (most
 * recent at the head). Items too large for the biggest class get a page of their
 * own. Everything here is guarded by {@link #lock}.
 */
final class SlabAllocator {

    static final int SMALLEST_CHUNK = 64;
    static final double GROWTH_FACTOR = 1.08;
    static final int LARGEST_CHUNK = SlabMemory.PAGE_SIZE / 2;

    final ReentrantLock lock = new SpinThenParkLock();
    private final SlabMemory memory;
    private final int[] chunkSizes;
    /** Index {@link #largeClass()}: items with a page of their own. */
    private final int[] freeHead;
    private final int[] lruHead;
    private final int[] lruTail;
    private final int[] carvePage;
    private final int[] carveOffset;
    private final long[] pagesPerClass;
    private final long[] itemsPerClass;
    /** Per page: the class it was carved for, and how many of its chunks are handed out. */
    private final int[] pageClass = new int[SlabMemory.MAX_PAGES];
    private final int[] pageUsed = new int[SlabMemory.MAX_PAGES];

    SlabAllocator(SlabMemory memory) {
        this.memory = memory;
        this.chunkSizes = chunkSizes();
        int classes = chunkSizes.length + 1;
        freeHead = new int[classes];
        lruHead = new int[classes];
        lruTail = new int[classes];
        carvePage = new int[classes];
        carveOffset = new int[classes];
        pagesPerClass = new long[classes];
        itemsPerClass = new long[classes];
    }

    private static int[] chunkSizes() {
        int[] sizes = new int[256];
        int count = 0;
        int size = SMALLEST_CHUNK;
        while (size < LARGEST_CHUNK) {
            sizes[count++] = size;
            size = Math.max(size + 8, align8((int) (size * GROWTH_FACTOR)));
        }
        sizes[count++] = LARGEST_CHUNK;
        int[] exact = new int[count];
        System.arraycopy(sizes, 0, exact, 0, count);
        return exact;
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }

    int largeClass() {
        return chunkSizes.length;
    }

    int classCount() {
        return chunkSizes.length + 1;
    }

    int chunkSize(int slabClass) {
        return slabClass < chunkSizes.length ? chunkSizes[slabClass] : 0;
    }

    /** The class for an item of {@code size} bytes. */
    int classFor(int size) {
        int low = 0;
        int high = chunkSizes.length - 1;
        if (size > chunkSizes[high]) {
            return largeClass();
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (chunkSizes[mid] >= size) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** A chunk of the class without evicting anything, or 0. */
    /** Whether the class can hand out a chunk without a new page. */
    boolean hasRoom(int slabClass) {
        return slabClass != largeClass() && (freeHead[slabClass] != 0
                || (carvePage[slabClass] != 0 && carveOffset[slabClass] + chunkSizes[slabClass] <= SlabMemory.PAGE_SIZE));
    }

    /** The item used just after this one in its class (towards the head), or 0. */
    int newer(int address) {
        return memory.getInt(address, SlabMemory.LRU_PREV);
    }

    int allocateFree(int slabClass, int size) {
        if (slabClass == largeClass()) {
            int page = memory.newPage(align8(size));
            if (page == 0) {
                return 0;
            }
            pagesPerClass[slabClass]++;
            pageClass[page] = slabClass; // never an "empty page": its one item is not counted in pageUsed
            int address = SlabMemory.address(page, 0);
            memory.claim(address);
            return address;
        }
        int free = freeHead[slabClass];
        if (free != 0) {
            freeHead[slabClass] = memory.getInt(free, SlabMemory.HASH_NEXT);
            pageUsed[SlabMemory.pageOf(free)]++;
            memory.claim(free);
            return free;
        }
        int chunk = chunkSizes[slabClass];
        if (carvePage[slabClass] == 0 || carveOffset[slabClass] + chunk > SlabMemory.PAGE_SIZE) {
            int page = memory.newPage(SlabMemory.PAGE_SIZE);
            if (page == 0) {
                return 0;
            }
            pagesPerClass[slabClass]++;
            pageClass[page] = slabClass;
            pageUsed[page] = 0;
            carvePage[slabClass] = page;
            carveOffset[slabClass] = 0;
        }
        int address = SlabMemory.address(carvePage[slabClass], carveOffset[slabClass]);
        carveOffset[slabClass] += chunk;
        pageUsed[carvePage[slabClass]]++;
        memory.claim(address);
        return address;
    }

    /**
     * Memory is full and {@code needy} has no chunk: finds a page of another class
     * with no chunk handed out, or 0. Pages are only ever taken whole.
     */
    int emptyPage(int needy) {
        for (int page = 1; page < SlabMemory.MAX_PAGES; page++) {
            if (memory.hasPage(page) && pageClass[page] != needy && pageClass[page] != largeClass()
                    && pageUsed[page] == 0) {
                return page;
            }
        }
        return 0;
    }

    /** The class, other than {@code needy}, with the most pages and an item to evict; -1 if none. */
    int donorClass(int needy) {
        int donor = -1;
        for (int c = 0; c < chunkSizes.length; c++) {
            if (c != needy && lruTail[c] != 0 && (donor < 0 || pagesPerClass[c] > pagesPerClass[donor])) {
                donor = c;
            }
        }
        return donor;
    }

    /** Every chunk address of a page, carved or not. */
    int[] chunksOf(int page) {
        int slabClass = pageClass[page];
        int chunk = chunkSizes[slabClass];
        int count = carvePage[slabClass] == page ? carveOffset[slabClass] / chunk : SlabMemory.PAGE_SIZE / chunk;
        int[] chunks = new int[count];
        for (int i = 0; i < count; i++) {
            chunks[i] = SlabMemory.address(page, i * chunk);
        }
        return chunks;
    }

    /** Chunks of the class handed out, over all its pages. */
    long usedChunks(int slabClass) {
        long used = 0;
        for (int page = 1; page < SlabMemory.MAX_PAGES; page++) {
            if (memory.hasPage(page) && pageClass[page] == slabClass) {
                used += pageUsed[page];
            }
        }
        return used;
    }

    int used(int page) {
        return pageUsed[page];
    }

    /** Gives a page with no chunk handed out back to the budget, for any class to take. */
    void releasePage(int page) {
        int slabClass = pageClass[page];
        int kept = 0;
        int address = freeHead[slabClass];
        int tail = 0;
        while (address != 0) {
            int next = memory.getInt(address, SlabMemory.HASH_NEXT);
            if (SlabMemory.pageOf(address) != page) {
                if (tail == 0) {
                    kept = address;
                } else {
                    memory.setInt(tail, SlabMemory.HASH_NEXT, address);
                }
                tail = address;
            }
            address = next;
        }
        if (tail != 0) {
            memory.setInt(tail, SlabMemory.HASH_NEXT, 0);
        }
        freeHead[slabClass] = kept;
        if (carvePage[slabClass] == page) {
            carvePage[slabClass] = 0;
        }
        pagesPerClass[slabClass]--;
        memory.freePage(page);
    }

    /** Returns an unlinked item's chunk, whose references have all been dropped. */
    void free(int address) {
        int slabClass = memory.slabClass(address);
        if (slabClass == largeClass()) {
            memory.freePage(SlabMemory.pageOf(address));
            pagesPerClass[slabClass]--;
            return;
        }
        memory.setInt(address, SlabMemory.HASH_NEXT, freeHead[slabClass]);
        freeHead[slabClass] = address;
        pageUsed[SlabMemory.pageOf(address)]--;
    }

    /** Puts a newly linked item at the head of its class's LRU. */
    void linkHead(int address) {
        int slabClass = memory.slabClass(address);
        int head = lruHead[slabClass];
        memory.setInt(address, SlabMemory.LRU_PREV, 0);
        memory.setInt(address, SlabMemory.LRU_NEXT, head);
        if (head != 0) {
            memory.setInt(head, SlabMemory.LRU_PREV, address);
        } else {
            lruTail[slabClass] = address;
        }
        lruHead[slabClass] = address;
        itemsPerClass[slabClass]++;
        memory.setLinked(address, true);
    }

    void unlink(int address) {
        int slabClass = memory.slabClass(address);
        int prev = memory.getInt(address, SlabMemory.LRU_PREV);
        int next = memory.getInt(address, SlabMemory.LRU_NEXT);
        if (prev != 0) {
            memory.setInt(prev, SlabMemory.LRU_NEXT, next);
        } else {
            lruHead[slabClass] = next;
        }
        if (next != 0) {
            memory.setInt(next, SlabMemory.LRU_PREV, prev);
        } else {
            lruTail[slabClass] = prev;
        }
        itemsPerClass[slabClass]--;
        memory.setLinked(address, false);
    }

    void moveToHead(int address) {
        unlink(address);
        linkHead(address);
    }

    /** The most recently used item of the class, or 0. */
    int head(int slabClass) {
        return lruHead[slabClass];
    }

    /** The item used just before this one in its class, or 0. */
    int older(int address) {
        return memory.getInt(address, SlabMemory.LRU_NEXT);
    }

    /** The least recently used item of the class, or 0. */
    int tail(int slabClass) {
        return lruTail[slabClass];
    }

    long pages(int slabClass) {
        return pagesPerClass[slabClass];
    }

    long items(int slabClass) {
        return itemsPerClass[slabClass];
    }
}
