package dev.larder.storage.memory;

import dev.larder.spi.store.ItemStore;
import java.time.Clock;
import java.util.List;

/** The real store for other modules' tests, and a check of its books. */
public final class StoreInvariants {

    private StoreInvariants() {
    }

    /** A store of {@code limitBytes} on the system clock. */
    public static ItemStore newStore(long limitBytes) {
        return new OffHeapItemStore(limitBytes, new ServerClock(Clock.systemUTC()));
    }

    /** Gives the store's memory back at once, as its owner is done with it. */
    public static void close(ItemStore store) {
        ((OffHeapItemStore) store).close();
    }

    /** Throws, saying what is wrong, when the store's accounting does not add up. */
    public static void check(ItemStore store) {
        List<String> problems = ((OffHeapItemStore) store).accountingProblems();
        if (!problems.isEmpty()) {
            throw new AssertionError("The store's accounting does not add up: " + problems);
        }
    }
}
