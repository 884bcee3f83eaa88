package dev.larder.spi.store;

/**
 * One size class of a slab store, for {@code stats slabs} and {@code stats items},
 * with memcached's names for its figures.
 *
 * @param memRequested     bytes its items take (header, key and value), as against its chunks
 * @param ageSeconds       seconds since its least recently used item was last used
 * @param evicted          live items evicted to make room
 * @param evictedNonzero   of those, items that had an expiry time
 * @param evictedTime      seconds since the last evicted item was used
 * @param outOfMemory      allocations refused for want of memory
 * @param reclaimed        dead items whose memory was taken back
 * @param expiredUnfetched dead items that had never been read
 * @param evictedUnfetched evicted items that had never been read
 */
public record SlabClassStats(int id, int chunkSize, int chunksPerPage, long pages, long usedChunks, long items,
                             long memRequested, long ageSeconds, long evicted, long evictedNonzero, long evictedTime,
                             long outOfMemory, long reclaimed, long expiredUnfetched, long evictedUnfetched) {
}
