package dev.larder.storage.memory;

import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The store's get and set, on 10,000 keys, off the network and the protocol. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {

    private static final int KEYS = 10_000;

    @Param({"100", "4096"})
    int valueSize;

    private ItemStore store;
    private ByteBuf[] keys;
    private ByteBuf value;
    private int next;

    @Setup
    public void fill() {
        store = BenchStores.offHeap(64);
        keys = new ByteBuf[KEYS];
        value = Unpooled.directBuffer(valueSize).writeZero(valueSize);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = Unpooled.copiedBuffer(String.format("key:%010d", i), StandardCharsets.US_ASCII);
            store.store(StoreMode.SET, keys[i], 0, 0, value.duplicate(), 0);
        }
    }

    private ByteBuf nextKey() {
        next = next + 1 == KEYS ? 0 : next + 1;
        return keys[next];
    }

    @Benchmark
    public int get() {
        Item item = store.get(nextKey().duplicate());
        int length = item.value().readableBytes();
        item.value().release();
        return length;
    }

    @Benchmark
    public Object set() {
        return store.store(StoreMode.SET, nextKey().duplicate(), 0, 0, value.duplicate(), 0);
    }
}
