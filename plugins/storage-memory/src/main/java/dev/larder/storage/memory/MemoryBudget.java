package dev.larder.storage.memory;

import java.util.concurrent.atomic.AtomicLong;

/** The store's memory limit ({@code -m}): slab pages and the index are both charged to it. */
final class MemoryBudget {

    private volatile long limit;
    private final AtomicLong used = new AtomicLong();

    MemoryBudget(long limitBytes) {
        this.limit = limitBytes;
    }

    /** Takes {@code bytes} from the budget if they fit. */
    boolean tryReserve(long bytes) {
        long current;
        do {
            current = used.get();
            if (current + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    /** Counts bytes as used whatever the limit. */
    void chargeUnconditionally(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    void setLimit(long bytes) {
        limit = bytes;
    }
}
