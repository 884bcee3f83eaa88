package dev.larder.storage.memory;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spi.store.Item;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LruItemStoreTest {

    private final AtomicLong nowMillis = new AtomicLong(1_700_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis.get());
        }
    };

    @Test
    void storesAndReturnsFlagsValueAndFreshCas() {
        LruItemStore store = new LruItemStore(1024 * 1024, clock);
        assertThat(store.set(buf("k"), 7, 0, buf("v1"))).isEqualTo(StoreResult.STORED);
        long firstCas = read(store, "k").cas();
        store.set(buf("k"), 8, 0, buf("v2"));
        Item item = store.get(buf("k"));
        assertThat(item.flags()).isEqualTo(8);
        assertThat(item.value().toString(US_ASCII)).isEqualTo("v2");
        assertThat(item.cas()).isGreaterThan(firstCas);
        item.value().release();
        assertThat(store.getCurrItems()).isEqualTo(1);
        assertThat(store.getTotalItems()).isEqualTo(2);
    }

    @Test
    void expiryFollowsMemcachedsRules() {
        LruItemStore store = new LruItemStore(1024 * 1024, clock);
        long nowSeconds = nowMillis.get() / 1000;
        store.set(buf("never"), 0, 0, buf("v"));
        store.set(buf("relative"), 0, 10, buf("v"));
        store.set(buf("thirty-days"), 0, Expiry.MAX_RELATIVE_SECONDS, buf("v"));
        store.set(buf("absolute"), 0, nowSeconds + 20, buf("v"));
        store.set(buf("absolute-past"), 0, Expiry.MAX_RELATIVE_SECONDS + 1, buf("v"));
        store.set(buf("negative"), 0, -1, buf("v"));

        assertThat(read(store, "negative")).isNull();
        assertThat(read(store, "absolute-past")).isNull();
        assertThat(read(store, "relative")).isNotNull();

        nowMillis.addAndGet(9_999);
        assertThat(read(store, "relative")).isNotNull();
        nowMillis.addAndGet(1);
        assertThat(read(store, "relative")).isNull();
        assertThat(read(store, "absolute")).isNotNull();
        nowMillis.addAndGet(10_000);
        assertThat(read(store, "absolute")).isNull();
        assertThat(read(store, "thirty-days")).isNotNull();
        nowMillis.addAndGet(Expiry.MAX_RELATIVE_SECONDS * 1000);
        assertThat(read(store, "thirty-days")).isNull();
        assertThat(read(store, "never")).isNotNull();
    }

    @Test
    void evictsLeastRecentlyUsedWhenFull() {
        long itemCost = LruItemStore.ITEM_OVERHEAD + 2 + 100;
        LruItemStore store = new LruItemStore(itemCost * 3, clock);
        store.set(buf("k1"), 0, 0, value(100));
        store.set(buf("k2"), 0, 0, value(100));
        store.set(buf("k3"), 0, 0, value(100));
        read(store, "k1");
        store.set(buf("k4"), 0, 0, value(100));

        assertThat(read(store, "k2")).as("least recently used").isNull();
        assertThat(read(store, "k1")).isNotNull();
        assertThat(read(store, "k3")).isNotNull();
        assertThat(read(store, "k4")).isNotNull();
        assertThat(store.getEvictions()).isEqualTo(1);
        assertThat(store.getBytes()).isLessThanOrEqualTo(store.getLimitMaxbytes());
    }

    @Test
    void anItemLargerThanTheWholeStoreIsRefusedAndNothingIsLost() {
        LruItemStore store = new LruItemStore(1000, clock);
        store.set(buf("keep"), 0, 0, value(10));
        assertThat(store.set(buf("huge"), 0, 0, value(2000))).isEqualTo(StoreResult.NO_MEMORY);
        assertThat(read(store, "keep")).isNotNull();
        assertThat(store.getEvictions()).isZero();
    }

    @Test
    void deleteReportsWhetherALiveItemWasThere() {
        LruItemStore store = new LruItemStore(1024 * 1024, clock);
        store.set(buf("k"), 0, 0, buf("v"));
        assertThat(store.delete(buf("k"))).isTrue();
        assertThat(store.delete(buf("k"))).isFalse();
        assertThat(store.getBytes()).isZero();
    }

    private static Item read(LruItemStore store, String key) {
        Item item = store.get(buf(key));
        if (item != null) {
            item.value().release();
        }
        return item;
    }

    private static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, US_ASCII);
    }

    private static ByteBuf value(int size) {
        return Unpooled.wrappedBuffer(new byte[size]);
    }
}
