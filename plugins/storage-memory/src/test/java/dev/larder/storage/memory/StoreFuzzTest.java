package dev.larder.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.StoreMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store under any sequence of operations, and the memory-file loader under
 * any file: nothing escapes but the loader's refusal, and the books add up after.
 * {@code mvn verify} runs the inputs under src/test/resources; {@code -Pfuzz} fuzzes.
 */
class StoreFuzzTest {

    private static final StoreMode[] MODES = StoreMode.values();

    @FuzzTest(maxDuration = "2m")
    void operations(FuzzedDataProvider data) {
        ManualClock clock = new ManualClock();
        // Small, so that eviction and page moves between size classes happen often.
        OffHeapItemStore store = new OffHeapItemStore(4L << 20, new ServerClock(clock));
        try {
            apply(data, store, clock);
            assertThat(store.accountingProblems()).isEmpty();
        } finally {
            store.close();
        }
    }

    private static void apply(FuzzedDataProvider data, OffHeapItemStore store, ManualClock clock) {
        while (data.remainingBytes() > 0) {
            byte[] keyBytes = data.consumeBytes(data.consumeInt(1, 250));
            // Empty keys never reach the store: every protocol refuses them first.
            ByteBuf key = Unpooled.wrappedBuffer(keyBytes.length == 0 ? new byte[] {'k'} : keyBytes);
            switch (data.consumeInt(0, 7)) {
                case 0 -> store.storeWithCas(MODES[data.consumeInt(0, MODES.length - 1)], key, data.consumeInt(),
                        data.consumeLong(-10, 100), Unpooled.wrappedBuffer(new byte[data.consumeInt(0, 300_000)]),
                        data.consumeLong(0, 50));
                case 1 -> release(store.get(key));
                case 2 -> store.delete(key, data.consumeLong(0, 50));
                case 3 -> store.incrementOrDecrement(key, data.consumeBoolean(), data.consumeLong(), 0);
                case 4 -> store.touch(key, data.consumeLong(-10, 100));
                case 5 -> release(store.metaGet(key, data.consumeLong(-2, 100), data.consumeLong(-2, 100),
                        data.consumeLong(-2, 100), data.consumeBoolean()));
                case 6 -> store.invalidate(key, 0, data.consumeLong(-2, 100));
                default -> {
                    if (data.consumeBoolean()) {
                        store.flushAll(data.consumeLong(-5, 5));
                    } else {
                        clock.advanceSeconds(data.consumeInt(0, 200));
                    }
                }
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void memoryFileLoader(byte[] file) throws IOException {
        Path path = Files.createTempFile("fuzz", ".memory");
        try {
            Files.write(path, file);
            OffHeapItemStore store = new OffHeapItemStore(8L << 20, new ServerClock(new ManualClock()));
            try {
                MemoryFile.load(store, path);
            } catch (MemoryFile.DamagedFileException refused) {
                assertThat(store.stats().currItems()).as("a refused file leaves the store empty").isZero();
            } finally {
                assertThat(store.accountingProblems()).isEmpty();
                store.close();
            }
        } finally {
            Files.delete(path);
        }
    }

    private static void release(Item item) {
        if (item != null) {
            item.value().release();
        }
    }

}
