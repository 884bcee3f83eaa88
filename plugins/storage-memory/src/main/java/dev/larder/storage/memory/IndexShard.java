package dev.larder.storage.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard of the key index: a hash table of item chains (linked through each
 * item's hash-next field) in direct memory charged to the index's budget, with its own
 * lock. Keys are spread over shards by hash, so readers of different keys rarely
 * meet. The table doubles when it holds 1.5 items per bucket, if the budget allows.
 */
final class IndexShard {

    /** 64 shards of these: 2^16 buckets at first, as memcached's default hash table. */
    static final int INITIAL_BUCKETS = 1024;
    private static final UnpooledByteBufAllocator DIRECT = new UnpooledByteBufAllocator(true, true);

    final ReentrantLock lock = new SpinThenParkLock();
    private final SlabMemory memory;
    private final MemoryBudget budget;
    private final int shardBits;
    private ByteBuf buckets;
    private int mask;
    private int count;

    IndexShard(SlabMemory memory, MemoryBudget budget, int shardBits) {
        this.memory = memory;
        this.budget = budget;
        this.shardBits = shardBits;
        if (!budget.tryReserve(INITIAL_BUCKETS * 4L)) {
            throw new IllegalArgumentException("The memory limit is too small for the index");
        }
        this.buckets = newTable(INITIAL_BUCKETS);
        this.mask = INITIAL_BUCKETS - 1;
    }

    private static ByteBuf newTable(int size) {
        ByteBuf table = DIRECT.directBuffer(size * 4, size * 4);
        table.setZero(0, size * 4);
        return table;
    }

    private int bucket(int hash) {
        return ((hash >>> shardBits) & mask) * 4;
    }

    /** The linked item with this key, or 0. Caller holds the lock. */
    int find(int hash, ByteBuf key) {
        return find(hash, key, key.readerIndex(), key.readableBytes());
    }

    /** The linked item whose key is {@code length} bytes of {@code source} from {@code index}, or 0. Lock held. */
    int find(int hash, ByteBuf source, int index, int length) {
        int address = buckets.getInt(bucket(hash));
        while (address != 0 && !memory.keyEquals(address, source, index, length)) {
            address = memory.getInt(address, SlabMemory.HASH_NEXT);
        }
        return address;
    }

    /** Adds an item not in the index. Caller holds the lock. */
    void insert(int hash, int address) {
        int bucket = bucket(hash);
        memory.setInt(address, SlabMemory.HASH_NEXT, buckets.getInt(bucket));
        buckets.setInt(bucket, address);
        if (++count > (mask + 1) + ((mask + 1) >> 1)) {
            grow();
        }
    }

    /** Puts {@code replacement} where {@code existing} was in its chain. Caller holds the lock. */
    void replace(int hash, int existing, int replacement) {
        memory.setInt(replacement, SlabMemory.HASH_NEXT, memory.getInt(existing, SlabMemory.HASH_NEXT));
        relink(hash, existing, replacement);
    }

    /** Takes an item out of its chain. Caller holds the lock. */
    void remove(int hash, int address) {
        relink(hash, address, memory.getInt(address, SlabMemory.HASH_NEXT));
        count--;
    }

    private void relink(int hash, int address, int successor) {
        int bucket = bucket(hash);
        int current = buckets.getInt(bucket);
        if (current == address) {
            buckets.setInt(bucket, successor);
            return;
        }
        while (current != 0) {
            int next = memory.getInt(current, SlabMemory.HASH_NEXT);
            if (next == address) {
                memory.setInt(current, SlabMemory.HASH_NEXT, successor);
                return;
            }
            current = next;
        }
        throw new IllegalStateException("Item not found in its index chain");
    }

    /** Every linked item, for dumps and clearing. Caller holds the lock; the visitor must not change the index. */
    void forEach(java.util.function.IntConsumer visitor) {
        for (int b = 0; b <= mask; b++) {
            int address = buckets.getInt(b * 4);
            while (address != 0) {
                int next = memory.getInt(address, SlabMemory.HASH_NEXT);
                visitor.accept(address);
                address = next;
            }
        }
    }

    int count() {
        return count;
    }

    /** Gives the table's memory back; the shard is not used again. */
    void free() {
        buckets.release();
    }

    long tableBytes() {
        return (mask + 1) * 4L;
    }

    private void grow() {
        int size = (mask + 1) * 2;
        if (size > (1 << 26) || !budget.tryReserve(size * 4L)) {
            return; // Longer chains rather than more memory than the limit allows.
        }
        ByteBuf old = buckets;
        int oldSize = mask + 1;
        buckets = newTable(size);
        mask = size - 1;
        for (int b = 0; b < oldSize; b++) {
            int address = old.getInt(b * 4);
            while (address != 0) {
                int next = memory.getInt(address, SlabMemory.HASH_NEXT);
                int bucket = bucket(memory.keyHash(address));
                memory.setInt(address, SlabMemory.HASH_NEXT, buckets.getInt(bucket));
                buckets.setInt(bucket, address);
                address = next;
            }
        }
        old.release();
        budget.release(oldSize * 4L);
    }
}
