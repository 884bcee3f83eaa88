package dev.larder.storage.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the store's books, for tests and fuzzing: the items the index holds
 * against {@code curr_items} and {@code bytes}, the LRUs' counts, and the memory
 * used against the limit. It locks every shard in turn, so not for the request path.
 */
final class StoreAudit {

    private StoreAudit() {
    }

    /** What is wrong with the store's books; empty when they agree. */
    static List<String> problems(OffHeapItemStore store, SlabMemory memory, SlabAllocator slabs, StoreCounts counts,
                                 MemoryBudget budget) {
        long indexed = 0;
        long indexedBytes = 0;
        List<String> problems = new ArrayList<>();
        for (IndexShard shard : store.shards()) {
            shard.lock.lock();
            try {
                for (int address : OffHeapItemStore.addressesOf(shard)) {
                    indexed++;
                    indexedBytes += memory.itemSize(address);
                    int refs = memory.refs(address);
                    if ((refs & SlabMemory.LINKED) == 0 || (refs & SlabMemory.REF_MASK) == 0) {
                        problems.add("item at " + address + " is in the index but not linked (refs " + refs + ")");
                    }
                }
            } finally {
                shard.lock.unlock();
            }
        }
        slabs.lock.lock();
        try {
            long inLrus = 0;
            for (int c = 0; c <= slabs.largeClass(); c++) {
                inLrus += slabs.items(c);
            }
            if (indexed != counts.currItems || inLrus != counts.currItems) {
                problems.add("curr_items " + counts.currItems + ", but " + indexed + " indexed and " + inLrus
                        + " in LRUs");
            }
            if (indexedBytes != counts.bytes) {
                problems.add("bytes " + counts.bytes + ", but the indexed items take " + indexedBytes);
            }
            if (counts.bytes > budget.used()) {
                problems.add("bytes " + counts.bytes + ", more than the memory used, " + budget.used());
            }
        } finally {
            slabs.lock.unlock();
        }
        return problems;
    }
}
