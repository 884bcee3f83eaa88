package dev.larder.storage.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Items in direct memory, outside the Java heap, in pages charged to the
 * {@link MemoryBudget}. An item is addressed by an int: its page number and its
 * offset in 8-byte units. Its layout, 44 bytes of header then key then value:
 *
 * <pre>
 *  0 hash next   4 LRU prev   8 LRU next   12 refs (count and bits, atomic)
 * 16 CAS (8)    24 expiry    28 flags     32 last access    36 value length
 * 40 key length (1)   41 slab class (1)   44 key ... value
 * </pre>
 *
 * Times are {@link ServerClock} seconds. The refs word counts the store's own
 * reference (while the item is linked) plus one per reader holding its value;
 * the chunk is reused only when it falls to zero.
 */
final class SlabMemory {

    static final int PAGE_SIZE = 1 << 20;
    private static final int OFFSET_BITS = 17;
    static final int MAX_PAGES = 1 << 14;

    static final int HASH_NEXT = 0;
    static final int LRU_PREV = 4;
    static final int LRU_NEXT = 8;
    static final int REFS = 12;
    static final int CAS = 16;
    static final int EXPIRY = 24;
    static final int FLAGS = 28;
    static final int TIME = 32;
    static final int VALUE_LENGTH = 36;
    static final int KEY_LENGTH = 40;
    static final int SLAB_CLASS = 41;
    static final int HEADER = 44;

    static final int REF_MASK = 0x00FF_FFFF;
    /** Read since the LRU last looked at it: it gets a second chance before eviction. */
    static final int ACTIVE = 1 << 24;
    /** Read at least once since it was stored. */
    static final int FETCHED = 1 << 25;
    /** In the index and an LRU; a chunk with references but without this is being written. */
    static final int LINKED = 1 << 26;
    /** Invalidated by a meta delete or set with I: still served, but due for a new value. */
    static final int STALE = 1 << 27;
    /** A meta get has won the right to recache it; no other will until a new value comes. */
    static final int WIN_SENT = 1 << 28;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final UnpooledByteBufAllocator DIRECT = new UnpooledByteBufAllocator(true, true);

    private final MemoryBudget budget;
    private final ByteBuf[] pages = new ByteBuf[MAX_PAGES];
    private final ByteBuffer[] nio = new ByteBuffer[MAX_PAGES];
    private final int[] freeIds = new int[MAX_PAGES];
    private int freeIdCount;
    private int nextId = 1;
    private long pageBytes;

    SlabMemory(MemoryBudget budget) {
        this.budget = budget;
    }

    /** A new zeroed page of {@code size} bytes, or 0 when the budget has no room. Caller holds the allocator lock. */
    int newPage(int size) {
        if ((freeIdCount == 0 && nextId == MAX_PAGES) || !budget.tryReserve(size)) {
            return 0;
        }
        ByteBuf page;
        try {
            page = DIRECT.directBuffer(size, size);
        } catch (OutOfMemoryError e) {
            // The JVM's direct memory cap is below -m: serve what fits rather than fail requests.
            budget.release(size);
            return 0;
        }
        int id = freeIdCount > 0 ? freeIds[--freeIdCount] : nextId++;
        page.setZero(0, size);
        page.writerIndex(size); // all of it is readable: comparisons such as ByteBufUtil.equals respect that
        pages[id] = page;
        nio[id] = page.nioBuffer(0, size).order(ByteOrder.nativeOrder());
        pageBytes += size;
        return id;
    }

    /** Gives a (large item's) page back to the budget. Caller holds the allocator lock. */
    void freePage(int id) {
        int size = pages[id].capacity();
        pages[id].release();
        pages[id] = null;
        nio[id] = null;
        freeIds[freeIdCount++] = id;
        pageBytes -= size;
        budget.release(size);
    }

    /** Gives every page's memory back; nothing is read from them again. Caller holds the allocator lock. */
    void freeAll() {
        for (int id = 1; id < pages.length; id++) {
            if (pages[id] != null) {
                freePage(id);
            }
        }
    }

    boolean hasPage(int id) {
        return pages[id] != null;
    }

    long pageBytes() {
        return pageBytes;
    }

    static int address(int pageId, int offset) {
        return pageId << OFFSET_BITS | offset >>> 3;
    }

    static int pageOf(int address) {
        return address >>> OFFSET_BITS;
    }

    static int offsetOf(int address) {
        return (address & ((1 << OFFSET_BITS) - 1)) << 3;
    }

    ByteBuf page(int address) {
        return pages[pageOf(address)];
    }

    ByteBuffer nioPage(int address) {
        return nio[pageOf(address)];
    }

    int getInt(int address, int field) {
        return page(address).getInt(offsetOf(address) + field);
    }

    void setInt(int address, int field, int value) {
        page(address).setInt(offsetOf(address) + field, value);
    }

    long getLong(int address, int field) {
        return page(address).getLong(offsetOf(address) + field);
    }

    void setLong(int address, int field, long value) {
        page(address).setLong(offsetOf(address) + field, value);
    }

    int keyLength(int address) {
        return page(address).getUnsignedByte(offsetOf(address) + KEY_LENGTH);
    }

    int slabClass(int address) {
        return page(address).getUnsignedByte(offsetOf(address) + SLAB_CLASS);
    }

    int valueLength(int address) {
        return getInt(address, VALUE_LENGTH);
    }

    /** Header, key and value: what memcached's {@code bytes} statistic counts for an item. */
    int itemSize(int address) {
        return HEADER + keyLength(address) + valueLength(address);
    }

    int keyOffset(int address) {
        return offsetOf(address) + HEADER;
    }

    int valueOffset(int address) {
        return offsetOf(address) + HEADER + keyLength(address);
    }

    boolean keyEquals(int address, ByteBuf source, int index, int length) {
        return keyLength(address) == length
                && ByteBufUtil.equals(page(address), keyOffset(address), source, index, length);
    }

    int keyHash(int address) {
        return KeyHash.of(page(address), keyOffset(address), keyLength(address));
    }

    /** Writes a new item's header and key; the value is written by the caller. Refs start at 1: the store's, not yet linked. */
    void initItem(int address, int slabClass, ByteBuf key, int flags, int expiry, long cas, int now, int valueLength) {
        ByteBuf page = page(address);
        int at = offsetOf(address);
        page.setInt(at + HASH_NEXT, 0);
        page.setInt(at + LRU_PREV, 0);
        page.setInt(at + LRU_NEXT, 0);
        INT.setVolatile(nioPage(address), at + REFS, 1);
        page.setLong(at + CAS, cas);
        page.setInt(at + EXPIRY, expiry);
        page.setInt(at + FLAGS, flags);
        page.setInt(at + TIME, now);
        page.setInt(at + VALUE_LENGTH, valueLength);
        page.setByte(at + KEY_LENGTH, key.readableBytes());
        page.setByte(at + SLAB_CLASS, slabClass);
        page.setBytes(at + HEADER, key, key.readerIndex(), key.readableBytes());
    }

    int refs(int address) {
        return (int) INT.getVolatile(nioPage(address), offsetOf(address) + REFS);
    }

    /** Adds a reader's reference and marks the item read; returns the word as it was. */
    int acquire(int address) {
        ByteBuffer page = nioPage(address);
        int at = offsetOf(address) + REFS;
        int before;
        do {
            before = (int) INT.getVolatile(page, at);
        } while (!INT.compareAndSet(page, at, before, (before | readBits(before)) + 1));
        return before;
    }

    /**
     * Marks the item read without a reference: fetched, and active (a second
     * chance at the LRU's tail) from its second read on, as memcached's segmented
     * LRU marks it, so an item read once is no likelier to stay than one never read.
     */
    void markRead(int address) {
        ByteBuffer page = nioPage(address);
        int at = offsetOf(address) + REFS;
        int before = (int) INT.getVolatile(page, at);
        if ((before & (ACTIVE | FETCHED)) != (ACTIVE | FETCHED)) {
            INT.getAndBitwiseOr(page, at, readBits(before));
        }
    }

    private static int readBits(int before) {
        return (before & FETCHED) == 0 ? FETCHED : FETCHED | ACTIVE;
    }

    /** Adds a reference without marking the item read (the store holding it across an operation). */
    void pin(int address) {
        INT.getAndAdd(nioPage(address), offsetOf(address) + REFS, 1);
    }

    /** Drops one reference; returns how many are left. */
    int release(int address) {
        return ((int) INT.getAndAdd(nioPage(address), offsetOf(address) + REFS, -1) - 1) & REF_MASK;
    }

    /** Marks a chunk as handed out (one reference, not linked) before it is written. */
    void claim(int address) {
        INT.setVolatile(nioPage(address), offsetOf(address) + REFS, 1);
    }

    void setLinked(int address, boolean linked) {
        if (linked) {
            setBits(address, LINKED);
        } else {
            clearBits(address, LINKED);
        }
    }

    void clearActive(int address) {
        clearBits(address, ACTIVE);
    }

    /** Sets bits of the refs word (such as {@link #STALE}); returns the word as it was. */
    int setBits(int address, int bits) {
        return (int) INT.getAndBitwiseOr(nioPage(address), offsetOf(address) + REFS, bits);
    }

    void clearBits(int address, int bits) {
        INT.getAndBitwiseAnd(nioPage(address), offsetOf(address) + REFS, ~bits);
    }
}
