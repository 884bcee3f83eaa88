package dev.larder.spi.store;

/**
 * The store's figures, named as memcached's {@code stats} names them.
 *
 * @param getExpired   lookups that found their item expired (memcached's get_expired)
 * @param getFlushed   lookups that found their item flushed by flush_all (get_flushed)
 * @param slabsMoved   pages moved from one size class to another (slabs_moved)
 * @param hashBuckets  buckets of the key index, all shards together (2^hash_power_level)
 */
public record StoreStats(
        long currItems,
        long totalItems,
        long bytes,
        long limitMaxbytes,
        long evictions,
        long expiredUnfetched,
        long evictedUnfetched,
        long reclaimed,
        long totalMalloced,
        long getExpired,
        long getFlushed,
        long slabsMoved,
        long hashBuckets) {
}
