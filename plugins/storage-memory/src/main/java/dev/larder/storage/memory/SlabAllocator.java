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

    final ReentrantLock lock = new ReentrantLock();
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
    int allocateFree(int slabClass, int size) {
        if (slabClass == largeClass()) {
            int page = memory.newPage(align8(size));
            if (page == 0) {
                return 0;
            }
            pagesPerClass[slabClass]++;
            return SlabMemory.address(page, 0);
        }
        int free = freeHead[slabClass];
        if (free != 0) {
            freeHead[slabClass] = memory.getInt(free, SlabMemory.HASH_NEXT);
            return free;
        }
        int chunk = chunkSizes[slabClass];
        if (carvePage[slabClass] == 0 || carveOffset[slabClass] + chunk > SlabMemory.PAGE_SIZE) {
            int page = memory.newPage(SlabMemory.PAGE_SIZE);
            if (page == 0) {
                return 0;
            }
            pagesPerClass[slabClass]++;
            carvePage[slabClass] = page;
            carveOffset[slabClass] = 0;
        }
        int address = SlabMemory.address(carvePage[slabClass], carveOffset[slabClass]);
        carveOffset[slabClass] += chunk;
        return address;
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
    }

    void moveToHead(int address) {
        unlink(address);
        linkHead(address);
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
