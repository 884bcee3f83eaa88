package dev.larder.protocol.memcached.text;

import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.ItemVisitor;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import dev.larder.spi.store.StoreStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The smallest store that honours the SPI, for protocol tests. */
final class MapStore implements ItemStore {

    final Map<String, Item> items = new HashMap<>();
    private long cas;

    @Override
    public Item get(ByteBuf key) {
        Item item = items.get(key.toString(StandardCharsets.US_ASCII));
        return item == null ? null : new Item(item.flags(), item.cas(), item.value().retainedDuplicate());
    }

    /** A map keeps no read marks nor access times: a peek is a get. */
    @Override
    public Item peek(ByteBuf key) {
        return get(key);
    }

    /** A map has no size classes. */
    @Override
    public java.util.List<dev.larder.spi.store.SlabClassStats> slabClasses() {
        return java.util.List.of();
    }

    @Override
    public boolean read(ByteBuf source, int keyIndex, int keyLength, ItemVisitor visitor) {
        Item item = items.get(source.toString(keyIndex, keyLength, StandardCharsets.US_ASCII));
        if (item == null) {
            return false;
        }
        ByteBuf value = item.value();
        if (!visitor.visit(item.flags(), item.cas(), value, value.readerIndex(), value.readableBytes())) {
            visitor.pinned(new Item(item.flags(), item.cas(), value.retainedDuplicate()));
        }
        return true;
    }

    @Override
    public Item metaGet(ByteBuf key, long touchExptime, long vivifyExptime, long recacheSeconds,
                        boolean noUpdate) {
        return get(key);
    }

    @Override
    public Item getAndTouch(ByteBuf key, long exptime) {
        return get(key);
    }

    @Override
    public StoreReceipt storeWithCas(StoreMode mode, ByteBuf key, int flags, long exptime, ByteBuf value,
                                     long cas) {
        if (mode != StoreMode.SET) {
            throw new UnsupportedOperationException(mode.name());
        }
        if (exptime < 0) {
            items.remove(key.toString(StandardCharsets.US_ASCII));
            return new StoreReceipt(StoreResult.STORED, ++this.cas);
        }
        items.put(key.toString(StandardCharsets.US_ASCII),
                new Item(flags, ++this.cas, Unpooled.wrappedBuffer(ByteBufUtil.getBytes(value))));
        return new StoreReceipt(StoreResult.STORED, this.cas);
    }

    @Override
    public DeleteResult delete(ByteBuf key, long cas) {
        Item item = items.get(key.toString(StandardCharsets.US_ASCII));
        if (item == null) {
            return DeleteResult.NOT_FOUND;
        }
        if (cas != 0 && item.cas() != cas) {
            return DeleteResult.EXISTS;
        }
        items.remove(key.toString(StandardCharsets.US_ASCII));
        return DeleteResult.DELETED;
    }

    @Override
    public StoreResult invalidate(ByteBuf key, long cas, long exptime) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ArithmeticResult incrementOrDecrement(ByteBuf key, boolean increment, long delta, long cas) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean touch(ByteBuf key, long exptime) {
        return items.containsKey(key.toString(StandardCharsets.US_ASCII));
    }

    @Override
    public void flushAll(long delaySeconds) {
        items.clear();
    }

    @Override
    public void setMemoryLimit(long bytes) {
        memoryLimit = bytes;
    }

    long memoryLimit;

    @Override
    public StoreStats stats() {
        return new StoreStats(items.size(), cas, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 256);
    }

    @Override
    public java.util.List<DumpedItem> dump(int slabClass, int limit) {
        return java.util.List.of();
    }

    @Override
    public void resetStats() {
    }
}
