package dev.larder.spi.store;

/** The outcome of a storage command, as memcached reports it. */
public enum StoreResult {
    STORED,
    NOT_STORED,
    EXISTS,
    NOT_FOUND,
    /** The item cannot fit in the store's memory even after evicting everything it may. */
    NO_MEMORY
}
