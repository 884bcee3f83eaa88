package dev.larder.storage.memory;

import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemVisitor;
import dev.larder.spi.store.StoreMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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

/**
 * The allocation-free read that serves a get of one key, over as many keys as
 * the load generator uses and in random order, so that items and index come
 * from memory rather than from the first-level caches, as under load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreReadBenchmark {

    /** "key:" and ten digits, as the load generator's keys. */
    private static final int KEY_LENGTH = 14;

    @Param({"100000"})
    int keys;

    private ItemStore store;
    private ByteBuf keyBytes;
    private int[] order;
    private int next;
    private final ValueLength visitor = new ValueLength();

    @Setup
    public void fill() {
        store = BenchStores.offHeap(64);
        ByteBuf value = Unpooled.directBuffer(100).writeZero(100);
        keyBytes = Unpooled.directBuffer(keys * KEY_LENGTH);
        for (int i = 0; i < keys; i++) {
            ByteBuf key = Unpooled.copiedBuffer(String.format("key:%010d", i), StandardCharsets.US_ASCII);
            store.store(StoreMode.SET, key, 0, 0, value.duplicate(), 0);
            keyBytes.writeBytes(key);
        }
        order = new SplittableRandom(17).ints(1 << 20, 0, keys).toArray(); // a power of two: the index wraps by mask
    }

    @Benchmark
    public int readRandomKey() {
        next = (next + 1) & (order.length - 1);
        store.read(keyBytes, order[next] * KEY_LENGTH, KEY_LENGTH, visitor);
        return visitor.length;
    }

    /** Takes what a get's response needs of the hit: here only its length. */
    private static final class ValueLength implements ItemVisitor {

        int length;

        @Override
        public boolean visit(int flags, long cas, ByteBuf source, int index, int length) {
            this.length = length + flags;
            return true;
        }

        @Override
        public void pinned(Item item) {
            item.value().release();
        }
    }
}
