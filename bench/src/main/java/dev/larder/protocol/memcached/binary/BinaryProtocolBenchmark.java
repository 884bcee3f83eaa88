package dev.larder.protocol.memcached.binary;

import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.protocol.memcached.text.BenchConnection;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.storage.memory.BenchStores;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One binary GET parsed, served against the off-heap store and its response encoded. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BinaryProtocolBenchmark {

    private BinarySession session;
    private BenchConnection get;

    @Setup
    public void start() {
        ItemStore store = BenchStores.offHeap(64);
        GeneralStats stats = new GeneralStats(store, new CommandCounters(), NetworkStatistics.NONE,
                new SettingsResolver(List.of()).resolve(new Properties(), "-", Map.of()), Clock.systemUTC(), "bench");
        session = new BinarySession(store, 1024 * 1024, "bench".getBytes(StandardCharsets.US_ASCII), stats,
                Authenticator.off(), true);
        byte[] key = "key:0000000042".getBytes(StandardCharsets.US_ASCII);
        store.store(StoreMode.SET, Unpooled.wrappedBuffer(key), 0, 0, Unpooled.directBuffer(100).writeZero(100), 0);
        ByteBuf packet = Unpooled.buffer();
        packet.writeByte(0x80).writeByte(0x00).writeShort(key.length).writeByte(0).writeByte(0).writeShort(0)
                .writeInt(key.length).writeInt(7).writeLong(0).writeBytes(key);
        byte[] request = new byte[packet.readableBytes()];
        packet.readBytes(request);
        get = new BenchConnection(request);
    }

    @Benchmark
    public int get() {
        session.serveOne(get);
        return get.rewind();
    }
}
