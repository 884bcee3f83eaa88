package dev.larder.storage.memory;

/**
 * memcached's per-class item figures ({@code stats items}, {@code stats slabs}):
 * what each size class's items take and what became of the ones that went.
 * Guarded by the allocator's lock, as the figures they sit beside.
 */
final class ClassCounters {

    final long[] memRequested;
    final long[] evicted;
    final long[] evictedNonzero;
    final int[] lastEvictedAccess;
    final long[] outOfMemory;
    final long[] reclaimed;
    final long[] expiredUnfetched;
    final long[] evictedUnfetched;

    ClassCounters(int classes) {
        memRequested = new long[classes];
        evicted = new long[classes];
        evictedNonzero = new long[classes];
        lastEvictedAccess = new int[classes];
        outOfMemory = new long[classes];
        reclaimed = new long[classes];
        expiredUnfetched = new long[classes];
        evictedUnfetched = new long[classes];
    }

    /** An item left: dead (its memory reclaimed) or live (evicted), read before or not. */
    void removed(int slabClass, boolean dead, boolean fetched, boolean hadExpiry, int lastAccess) {
        if (dead) {
            reclaimed[slabClass]++;
            if (!fetched) {
                expiredUnfetched[slabClass]++;
            }
        } else {
            evicted[slabClass]++;
            lastEvictedAccess[slabClass] = lastAccess;
            if (hadExpiry) {
                evictedNonzero[slabClass]++;
            }
            if (!fetched) {
                evictedUnfetched[slabClass]++;
            }
        }
    }

    /** {@code stats reset}: the counts start again; what items take now stays. */
    void reset() {
        for (long[] counts : new long[][] {evicted, evictedNonzero, outOfMemory, reclaimed, expiredUnfetched,
                evictedUnfetched}) {
            java.util.Arrays.fill(counts, 0);
        }
    }
}
