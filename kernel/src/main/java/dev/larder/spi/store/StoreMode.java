package dev.larder.spi.store;

/** How a storage command treats an existing item, as memcached's commands of the same names. */
public enum StoreMode {
    /** Store whatever is there. */
    SET,
    /** Store only if there is no live item. */
    ADD,
    /** Store only if there is a live item. */
    REPLACE,
    /** Add the value after the existing one, keeping its flags and expiry. */
    APPEND,
    /** Add the value before the existing one, keeping its flags and expiry. */
    PREPEND,
    /** Store only if the live item's CAS unique is the one given. */
    CAS,
    /**
     * As {@link #CAS}, but a unique older than the live item's stores too, marked
     * stale, keeping the item's expiry and its recache winner (memcached's meta
     * set with {@code I}).
     */
    CAS_OR_STALE
}
