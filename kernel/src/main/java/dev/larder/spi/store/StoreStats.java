package dev.larder.spi.store;

/** The store's figures, named as memcached's {@code stats} names them. */
public record StoreStats(
        long currItems,
        long totalItems,
        long bytes,
        long limitMaxbytes,
        long evictions,
        long expiredUnfetched,
        long evictedUnfetched,
        long reclaimed,
        long totalMalloced) {
}
