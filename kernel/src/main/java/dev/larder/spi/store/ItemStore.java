package dev.larder.spi.store;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The item store, bound by the storage plugin and used by the protocol plugin.
 * Called from every event loop at once. Keys are the readable bytes of the given
 * buffer (a slice of a client's input); the store neither consumes nor keeps
 * them. Values given are copied. Expiry times ({@code exptime}) follow memcached:
 * 0 never, up to 30 days relative seconds, beyond that an absolute Unix time,
 * negative already expired.
 */
public interface ItemStore {

    /** The largest key, in bytes. */
    int MAX_KEY_LENGTH = 250;

    /** For an optional {@code exptime} or number of seconds: none was given. */
    long NOT_GIVEN = Long.MIN_VALUE;

    /** Returns the live item, its value retained for the caller, or {@code null}. */
    Item get(ByteBuf key);

    /**
     * Like {@link #get}, in one lookup and without allocating anything: the hit
     * goes to the visitor while the item cannot change, and the result says
     * whether there was one. The key is {@code keyLength} bytes of {@code source}
     * from {@code keyIndex}. A value the visitor declines (to send it by
     * reference) is pinned and handed to {@link ItemVisitor#pinned} instead.
     */
    boolean read(ByteBuf source, int keyIndex, int keyLength, ItemVisitor visitor);

    /**
     * Like {@link #get}, but leaves no trace: the item is not marked as read and
     * its last access does not change. For a protocol reading back what it wrote.
     */
    Item peek(ByteBuf key);

    /** Like {@link #get}, and gives the item a new expiry time (memcached's gat). */
    Item getAndTouch(ByteBuf key, long exptime);

    /**
     * memcached's meta get with its stale-while-revalidate flags, in one step:
     * like {@link #get}, and when given ({@link #NOT_GIVEN} otherwise)
     * <ul>
     *   <li>{@code touchExptime}: a new expiry time, as {@link #getAndTouch};</li>
     *   <li>{@code vivifyExptime}: on a miss, creates an empty item with this
     *       expiry and returns it, won by this read (the N flag);</li>
     *   <li>{@code recacheSeconds}: an item that expires within this many seconds
     *       is won by this read, if no read has won it yet (the R flag);</li>
     *   <li>{@code noUpdate}: the item is not marked read and keeps its place
     *       and last-access time, as if this read had not happened (the u flag).</li>
     * </ul>
     * A stale item is won by the first read after it became stale. The item's
     * {@code secondsToLive} is as the read left it.
     */
    Item metaGet(ByteBuf key, long touchExptime, long vivifyExptime, long recacheSeconds, boolean noUpdate);

    /**
     * Stores a value as the mode says.
     *
     * @param cas for {@link StoreMode#CAS} and {@link StoreMode#CAS_OR_STALE}, the unique the live item must
     *            have; for {@link StoreMode#REPLACE}, {@link StoreMode#APPEND} and {@link StoreMode#PREPEND},
     *            when not 0, the same (else {@link StoreResult#EXISTS}); ignored by SET and ADD
     */
    default StoreResult store(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value, long cas) {
        return storeWithCas(mode, key, flags, exptime, value, cas).result();
    }

    /** As {@link #store}, and says which CAS unique the stored item got. */
    StoreReceipt storeWithCas(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value, long cas);

    /** Stores whatever is there. */
    default StoreResult set(ByteBuf key, int flags, long exptime, ByteBuf value) {
        return store(StoreMode.SET, key, flags, exptime, value, 0);
    }

    /** Removes the item; false when there was no live one. */
    default boolean delete(ByteBuf key) {
        return delete(key, 0) == DeleteResult.DELETED;
    }

    /** Removes the item if its CAS unique is {@code cas}, or whatever it is when {@code cas} is 0. */
    DeleteResult delete(ByteBuf key, long cas);

    /**
     * memcached's meta delete with {@code I}: instead of removing the item, marks
     * it stale so that readers are still served while the first of them to ask
     * wins the right to recache it; gives it a new CAS unique and, when
     * {@code exptime} is given, a new expiry time. {@code cas} as for {@link #delete(ByteBuf, long)}.
     *
     * @return STORED when marked, NOT_FOUND or EXISTS (another CAS unique)
     */
    StoreResult invalidate(ByteBuf key, long cas, long exptime);

    /**
     * Adds {@code delta} to, or subtracts it from, a value holding a decimal
     * number below 2^64: incr wraps around, decr stops at 0.
     */
    default ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta) {
        return incrementOrDecrement(key, increment, delta, 0);
    }

    /** As the other, only on the item whose CAS unique is {@code cas} (any when 0), else EXISTS. */
    ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta, long cas);

    /** Gives a live item a new expiry time; false when there was none. */
    boolean touch(ByteBuf key, long exptime);

    /** Invalidates every item stored before now plus {@code delaySeconds}. */
    void flushAll(long delaySeconds);

    StoreStats stats();

    /** The size classes holding memory, numbered from 1 as memcached's; empty for a store without classes. */
    List<SlabClassStats> slabClasses();

    /** {@code stats reset}: the store's counts of what happened start again (what it holds stays). */
    void resetStats();

    /** Changes the memory limit while running ({@code cache_memlimit}); a lower one is reached as items go. */
    void setMemoryLimit(long bytes);

    /**
     * memcached's {@code stats cachedump}: up to {@code limit} live items of one
     * size class (numbered as {@link #slabClasses()} numbers them), most recently
     * used first.
     */
    List<DumpedItem> dump(int slabClass, int limit);

    /** One item as {@code stats cachedump} lists it: key, value length, expiry (Unix time, 0 for never). */
    record DumpedItem(String key, int valueLength, long unixExpiry) {
    }
}
