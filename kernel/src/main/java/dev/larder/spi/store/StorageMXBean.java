package dev.larder.spi.store;

import dev.larder.spi.Description;
import dev.larder.spi.Metric;
/** {@code dev.larder:type=Storage}: the item store's figures, named as memcached's {@code stats}. */
@Description("dev.larder:type=Storage: the item store's figures, named as memcached's stats.")
public interface StorageMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Storage";

    /** Items stored now ({@code curr_items}). */
    @Description("Items stored now (curr_items).")
    @Metric("memcached_current_items")
    long getCurrItems();

    /** Items stored since start ({@code total_items}). */
    @Description("Items stored since start (total_items).")
    @Metric(value = "memcached_items_total", counter = true)
    long getTotalItems();

    /** Bytes of items: headers, keys and values ({@code bytes}). */
    @Description("Bytes of items: headers, keys and values (bytes).")
    @Metric("memcached_current_bytes")
    long getBytes();

    /** The memory limit in bytes ({@code limit_maxbytes}). */
    @Description("The memory limit in bytes (limit_maxbytes).")
    @Metric("memcached_limit_bytes")
    long getLimitMaxbytes();

    /** Live items removed to make room ({@code evictions}). */
    @Description("Live items removed to make room (evictions).")
    @Metric(value = "memcached_items_evicted_total", counter = true)
    long getEvictions();

    /** Items that expired without ever being read ({@code expired_unfetched}). */
    @Description("Items that expired without ever being read (expired_unfetched).")
    long getExpiredUnfetched();

    /** Items evicted without ever being read ({@code evicted_unfetched}). */
    @Description("Items evicted without ever being read (evicted_unfetched).")
    long getEvictedUnfetched();

    /** Expired items whose memory was taken for new ones ({@code reclaimed}). */
    @Description("Expired items whose memory was taken for new ones (reclaimed).")
    @Metric(value = "memcached_items_reclaimed_total", counter = true)
    long getReclaimed();

    /** Memory taken from the limit: slab pages and the index ({@code total_malloced}). */
    @Description("Memory taken from the limit: slab pages and the index (total_malloced).")
    @Metric("memcached_malloced_bytes")
    long getTotalMalloced();
}
