package dev.larder.storage.memory;

import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simple bounded store: items on the heap in an access-ordered map, the least
 * recently used evicted when the memory limit would be passed. Every item is
 * charged its key, its value and a fixed overhead, as memcached charges its
 * item header.
 */
final class LruItemStore implements ItemStore, StorageMXBean {

    /** What an item costs beyond its key and value: header, index entry, references. */
    static final int ITEM_OVERHEAD = 64;

    private final long limitBytes;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Entry> items = new LinkedHashMap<>(1024, 0.75f, true);
    private final AtomicLong casCounter = new AtomicLong();
    private long usedBytes;
    private long totalItems;
    private long evictions;

    LruItemStore(long limitBytes, Clock clock) {
        this.limitBytes = limitBytes;
        this.clock = clock;
    }

    @Override
    public Item get(ByteBuf key) {
        long now = clock.millis();
        lock.lock();
        try {
            Key k = Key.of(key);
            Entry entry = items.get(k);
            if (entry == null) {
                return null;
            }
            if (entry.deadlineMillis <= now) {
                remove(k, entry);
                return null;
            }
            return new Item(entry.flags, entry.cas, Unpooled.wrappedBuffer(entry.value));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StoreResult set(ByteBuf key, int flags, long exptime, ByteBuf value) {
        Key k = Key.of(key);
        byte[] bytes = ByteBufUtil.getBytes(value);
        long cost = cost(k, bytes);
        if (cost > limitBytes) {
            return StoreResult.NO_MEMORY;
        }
        long deadline = Expiry.deadlineMillis(exptime, clock.millis());
        lock.lock();
        try {
            Entry old = items.remove(k);
            if (old != null) {
                usedBytes -= cost(k, old.value);
            }
            evictUntilFree(cost);
            items.put(k, new Entry(flags, casCounter.incrementAndGet(), deadline, bytes));
            usedBytes += cost;
            totalItems++;
            return StoreResult.STORED;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(ByteBuf key) {
        long now = clock.millis();
        lock.lock();
        try {
            Key k = Key.of(key);
            Entry entry = items.get(k);
            if (entry == null) {
                return false;
            }
            remove(k, entry);
            return entry.deadlineMillis > now;
        } finally {
            lock.unlock();
        }
    }

    private void evictUntilFree(long needed) {
        Iterator<Map.Entry<Key, Entry>> oldestFirst = items.entrySet().iterator();
        while (usedBytes + needed > limitBytes && oldestFirst.hasNext()) {
            Map.Entry<Key, Entry> oldest = oldestFirst.next();
            usedBytes -= cost(oldest.getKey(), oldest.getValue().value);
            oldestFirst.remove();
            evictions++;
        }
    }

    private void remove(Key k, Entry entry) {
        items.remove(k);
        usedBytes -= cost(k, entry.value);
    }

    private static long cost(Key key, byte[] value) {
        return ITEM_OVERHEAD + key.bytes.length + value.length;
    }

    @Override
    public long getCurrItems() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long getTotalItems() {
        lock.lock();
        try {
            return totalItems;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long getBytes() {
        lock.lock();
        try {
            return usedBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long getLimitMaxbytes() {
        return limitBytes;
    }

    @Override
    public long getEvictions() {
        lock.lock();
        try {
            return evictions;
        } finally {
            lock.unlock();
        }
    }

    private record Entry(int flags, long cas, long deadlineMillis, byte[] value) {
    }

    /** A key's bytes with value equality, for the map. */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        private Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        static Key of(ByteBuf key) {
            return new Key(ByteBufUtil.getBytes(key));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
