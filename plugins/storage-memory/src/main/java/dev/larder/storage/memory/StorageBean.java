package dev.larder.storage.memory;

import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StorageMXBean;

/** The store's figures over JMX, read from the same snapshot {@code stats} reads. */
final class StorageBean implements StorageMXBean {

    private final ItemStore store;

    StorageBean(ItemStore store) {
        this.store = store;
    }

    @Override
    public long getCurrItems() {
        return store.stats().currItems();
    }

    @Override
    public long getTotalItems() {
        return store.stats().totalItems();
    }

    @Override
    public long getBytes() {
        return store.stats().bytes();
    }

    @Override
    public long getLimitMaxbytes() {
        return store.stats().limitMaxbytes();
    }

    @Override
    public long getEvictions() {
        return store.stats().evictions();
    }

    @Override
    public long getExpiredUnfetched() {
        return store.stats().expiredUnfetched();
    }

    @Override
    public long getEvictedUnfetched() {
        return store.stats().evictedUnfetched();
    }

    @Override
    public long getReclaimed() {
        return store.stats().reclaimed();
    }

    @Override
    public long getTotalMalloced() {
        return store.stats().totalMalloced();
    }
}
