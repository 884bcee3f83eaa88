package dev.larder.storage.memory;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Small helpers for store tests. */
final class Keys {

    private Keys() {
    }

    static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, US_ASCII);
    }

    static ByteBuf bytes(int size, char fill) {
        return buf(String.valueOf(fill).repeat(size));
    }

    /** The value as text, or null when there is no item; releases the value. */
    static String value(ItemStore store, String key) {
        Item item = store.get(buf(key));
        if (item == null) {
            return null;
        }
        try {
            return item.value().toString(US_ASCII);
        } finally {
            item.value().release();
        }
    }

    /** The item with its value released (for flags, CAS and times). */
    static Item item(ItemStore store, String key) {
        Item item = store.get(buf(key));
        if (item != null) {
            item.value().release();
        }
        return item;
    }
}
