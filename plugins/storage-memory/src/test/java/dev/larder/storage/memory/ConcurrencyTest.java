package dev.larder.storage.memory;

import static dev.larder.storage.memory.Keys.buf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads on few keys: no update may be lost, no value may be torn. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final OffHeapItemStore store = new OffHeapItemStore(32L << 20, new ServerClock(Clock.systemUTC()));

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentIncrementsAreAllCounted() throws Exception {
        int keys = 4;
        int perThread = 5000;
        for (int k = 0; k < keys; k++) {
            store.set(buf("counter" + k), 0, 0, buf("0"));
        }
        runAll(t -> {
            for (int i = 0; i < perThread; i++) {
                ArithmeticResult r = store.incrementOrDecrement(buf("counter" + (i % keys)), true, 1);
                assertThat(r.status()).isEqualTo(ArithmeticResult.Status.OK);
            }
        });
        long total = 0;
        for (int k = 0; k < keys; k++) {
            total += Long.parseLong(Keys.value(store, "counter" + k).trim());
        }
        assertThat(total).isEqualTo((long) THREADS * perThread);
    }

    @Test
    void concurrentCasLoopsLoseNoUpdate() throws Exception {
        store.set(buf("counter"), 0, 0, buf("00000000"));
        int perThread = 500;
        runAll(t -> {
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    Item item = store.get(buf("counter"));
                    long current = Long.parseLong(item.value().toString(US_ASCII));
                    item.value().release();
                    String next = String.format("%08d", current + 1);
                    StoreResult r = store.store(StoreMode.CAS, buf("counter"), 0, 0, buf(next), item.cas());
                    if (r == StoreResult.STORED) {
                        break;
                    }
                    assertThat(r).isEqualTo(StoreResult.EXISTS);
                }
            }
        });
        assertThat(Long.parseLong(Keys.value(store, "counter"))).isEqualTo((long) THREADS * perThread);
    }

    @Test
    void readersNeverSeeATornOrReusedValueWhileWritersReplaceAndEvict() throws Exception {
        OffHeapItemStore small = new OffHeapItemStore(4L << 20, new ServerClock(Clock.systemUTC()));
        runAll(t -> {
            for (int i = 0; i < 20_000; i++) {
                String key = String.format("k%04d", (i * 7 + t) % 6000); // about 6 MB of values in 4 MB
                if (t % 2 == 0) {
                    char fill = (char) ('a' + (i % 26));
                    small.set(buf(key), fill, 0, buf(String.valueOf(fill).repeat(900)));
                } else {
                    Item item = small.get(buf(key));
                    if (item != null) {
                        String value = item.value().toString(US_ASCII);
                        char expected = (char) item.flags();
                        item.value().release();
                        assertThat(value).hasSize(900).matches("[" + expected + "]+");
                    }
                }
            }
        });
        assertThat(small.stats().evictions()).isPositive();
        assertThat(small.stats().totalMalloced()).isLessThanOrEqualTo(4L << 20);
    }

    private void runAll(ThreadBody body) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit((Callable<Void>) () -> {
                body.run(thread);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }
}
