package dev.larder.storage.memory;

import dev.larder.spi.store.ItemStore;
import java.time.Clock;

/** The off-heap store as the micro-benchmarks use it (its constructor is the plugin's own). */
public final class BenchStores {

    private BenchStores() {
    }

    public static ItemStore offHeap(int megabytes) {
        return new OffHeapItemStore(megabytes * 1024L * 1024L, new ServerClock(Clock.systemUTC()));
    }
}
