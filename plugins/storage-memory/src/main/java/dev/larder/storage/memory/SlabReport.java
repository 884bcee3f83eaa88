package dev.larder.storage.memory;

import dev.larder.spi.store.ItemStore.DumpedItem;
import dev.larder.spi.store.SlabClassStats;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the size classes hold, as memcached's {@code stats slabs}, {@code stats items} and {@code stats cachedump}. */
final class SlabReport {

    private final OffHeapItemStore store;
    private final SlabMemory memory;
    private final SlabAllocator slabs;
    private final StoreCounts counts;
    private final ServerClock clock;

    SlabReport(OffHeapItemStore store, SlabMemory memory, SlabAllocator slabs, StoreCounts counts, ServerClock clock) {
        this.store = store;
        this.memory = memory;
        this.slabs = slabs;
        this.counts = counts;
        this.clock = clock;
    }

    /** The classes that have pages or have lost items, numbered from 1. */
    List<SlabClassStats> classes() {
        slabs.lock.lock();
        try {
            List<SlabClassStats> classes = new ArrayList<>();
            int now = clock.now();
            ClassCounters k = counts.perClass;
            for (int c = 0; c <= slabs.largeClass(); c++) {
                if (slabs.pages(c) > 0 || k.evicted[c] > 0 || k.outOfMemory[c] > 0) {
                    boolean large = c == slabs.largeClass();
                    int chunk = large ? SlabMemory.PAGE_SIZE : slabs.chunkSize(c);
                    int tail = slabs.tail(c);
                    long age = tail == 0 ? 0 : now - memory.getInt(tail, SlabMemory.TIME);
                    long evictedTime = k.evicted[c] == 0 ? 0 : now - k.lastEvictedAccess[c];
                    classes.add(new SlabClassStats(c + 1, chunk, large ? 1 : SlabMemory.PAGE_SIZE / chunk,
                            slabs.pages(c), large ? slabs.pages(c) : slabs.usedChunks(c), slabs.items(c),
                            k.memRequested[c], age, k.evicted[c], k.evictedNonzero[c], evictedTime, k.outOfMemory[c],
                            k.reclaimed[c], k.expiredUnfetched[c], k.evictedUnfetched[c]));
                }
            }
            return classes;
        } finally {
            slabs.lock.unlock();
        }
    }

    /** Up to {@code limit} live items of a class (numbered from 1), most recently used first. */
    List<DumpedItem> dump(int slabClass, int limit) {
        List<DumpedItem> items = new ArrayList<>();
        int c = slabClass - 1;
        if (c < 0 || c > slabs.largeClass()) {
            return items;
        }
        int now = clock.now();
        slabs.lock.lock();
        try {
            for (int address = slabs.head(c); address != 0 && items.size() < limit; address = slabs.older(address)) {
                if (store.live(address, now)) {
                    ByteBuf page = memory.page(address);
                    int expiry = memory.getInt(address, SlabMemory.EXPIRY);
                    items.add(new DumpedItem(page.toString(memory.keyOffset(address), memory.keyLength(address),
                            StandardCharsets.ISO_8859_1), memory.valueLength(address),
                            expiry == ServerClock.NEVER ? 0 : clock.toUnixTime(expiry)));
                }
            }
        } finally {
            slabs.lock.unlock();
        }
        return items;
    }
}
