package dev.larder.storage.memory;

/** {@code dev.larder:type=Storage}: the item store's figures, named as memcached's {@code stats}. */
public interface StorageMXBean {

    /** Items stored now ({@code curr_items}). */
    long getCurrItems();

    /** Items stored since start ({@code total_items}). */
    long getTotalItems();

    /** Bytes used by items, overheads included ({@code bytes}). */
    long getBytes();

    /** The memory limit in bytes ({@code limit_maxbytes}). */
    long getLimitMaxbytes();

    /** Live items removed to make room ({@code evictions}). */
    long getEvictions();
}
