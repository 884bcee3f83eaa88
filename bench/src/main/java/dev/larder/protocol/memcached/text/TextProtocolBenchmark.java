package dev.larder.protocol.memcached.text;

import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.storage.memory.BenchStores;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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

/** One text request (get, set, or a meta get) parsed, served against the off-heap store and its response encoded. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextProtocolBenchmark {

    @Param({"100", "4096"})
    int valueSize;

    /** 14 bytes as the generator's keys, 64 as memaslap's. */
    @Param({"14", "64"})
    int keySize;

    private ProtocolSession session;
    private BenchConnection get;
    private BenchConnection set;
    private BenchConnection metaGet;

    @Setup
    public void start() {
        ItemStore store = BenchStores.offHeap(64);
        CommandCounters counters = new CommandCounters();
        GeneralStats stats = new GeneralStats(store, counters, NetworkStatistics.NONE,
                new SettingsResolver(List.of()).resolve(new Properties(), "-", Map.of()), Clock.systemUTC(), "bench");
        session = new TextSession(new StorageCommand.Factory(store, 1024 * 1024, counters),
                new RetrievalCommand(store, counters), new KeyCommands(store, counters),
                new ServerCommands(store, Replies.bytes("VERSION bench\r\n"), stats, () -> { }, false,
                        Optional.empty()), Authenticator.off());
        String padding = "k".repeat(keySize - "key:0000000042".length());
        store.store(StoreMode.SET, Unpooled.copiedBuffer(padding + "key:0000000042", StandardCharsets.US_ASCII), 0, 0,
                Unpooled.directBuffer(valueSize).writeZero(valueSize), 0);
        get = new BenchConnection(("get " + padding + "key:0000000042\r\n").getBytes(StandardCharsets.US_ASCII));
        // The value with its client flags, time to live and CAS unique, as a meta client typically asks.
        metaGet = new BenchConnection(("mg " + padding + "key:0000000042 v f t c\r\n").getBytes(StandardCharsets.US_ASCII));
        set = new BenchConnection(("set " + padding + "key:0000000043 0 0 " + valueSize + "\r\n"
                + "v".repeat(valueSize) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public int get() {
        session.serveOne(get);
        return get.rewind();
    }

    @Benchmark
    public int set() {
        session.serveOne(set);
        return set.rewind();
    }

    @Benchmark
    public int metaGet() {
        session.serveOne(metaGet);
        return metaGet.rewind();
    }
}
