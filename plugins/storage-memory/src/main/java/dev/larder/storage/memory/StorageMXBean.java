package dev.larder.storage.memory;

/** {@code dev.larder:type=Storage}: the item store's figures, named as memcached's {@code stats}. */
public interface StorageMXBean {

    /** Items stored now ({@code curr_items}). */
    long getCurrItems();

    /** Items stored since start ({@code total_items}). */
    long getTotalItems();

    /** Bytes of items: headers, keys and values ({@code bytes}). */
    long getBytes();

    /** The memory limit in bytes ({@code limit_maxbytes}). */
    long getLimitMaxbytes();

    /** Live items removed to make room ({@code evictions}). */
    long getEvictions();

    /** Items that expired without ever being read ({@code expired_unfetched}). */
    long getExpiredUnfetched();

    /** Items evicted without ever being read ({@code evicted_unfetched}). */
    long getEvictedUnfetched();

    /** Expired items whose memory was taken for new ones ({@code reclaimed}). */
    long getReclaimed();

    /** Memory taken from the limit: slab pages and the index ({@code total_malloced}). */
    long getTotalMalloced();
}
