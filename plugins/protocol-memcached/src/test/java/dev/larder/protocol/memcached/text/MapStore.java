package dev.larder.protocol.memcached.text;

import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreResult;
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

    @Override
    public StoreResult set(ByteBuf key, int flags, long exptime, ByteBuf value) {
        if (exptime < 0) {
            items.remove(key.toString(StandardCharsets.US_ASCII));
            return StoreResult.STORED;
        }
        items.put(key.toString(StandardCharsets.US_ASCII),
                new Item(flags, ++cas, Unpooled.wrappedBuffer(ByteBufUtil.getBytes(value))));
        return StoreResult.STORED;
    }

    @Override
    public boolean delete(ByteBuf key) {
        return items.remove(key.toString(StandardCharsets.US_ASCII)) != null;
    }
}
