package dev.larder.bench.density;

import dev.larder.bench.process.JvmMemory;
import dev.larder.bench.process.ServerProcess;
import dev.larder.bench.process.TextClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How many items each server holds in the same memory: memcached and Larder
 * started alike ({@code -m}, {@code -t}), filled through the text protocol with
 * the same sets, then asked for {@code curr_items}; with resident memory for both
 * and, for Larder, the live Java heap after a full GC.
 */
@Command(name = "density", mixinStandardHelpOptions = true,
        description = "Items held in the same memory, Larder against memcached, side by side.")
public final class DensityBenchmark implements Callable<Integer> {

    @Option(names = "--larder", description = "The unpacked distribution (default: ${DEFAULT-VALUE})")
    Path larder = Path.of("dist/target/larder");

    @Option(names = "--memcached", description = "The memcached binary (default: ${DEFAULT-VALUE})")
    Path memcached = Path.of("/usr/bin/memcached");

    @Option(names = "--items", description = "Sets to send (default: ${DEFAULT-VALUE})")
    int items = 2_000_000;

    @Option(names = "--value-size", description = "Bytes per value (default: ${DEFAULT-VALUE})")
    int valueSize = 100;

    @Option(names = {"-m", "--memory"}, description = "Megabytes given to both servers (default: ${DEFAULT-VALUE})")
    int memoryMb = 64;

    @Option(names = {"-t", "--threads"}, description = "Threads of both servers (default: ${DEFAULT-VALUE})")
    int threads = 2;

    @Override
    public Integer call() throws Exception {
        Path logs = Files.createTempDirectory("larder-density");
        System.out.printf("Density: %,d sets of %d-byte values, keys key:%%010d, -m %d, -t %d%n",
                items, valueSize, memoryMb, threads);
        Result mc = measure("memcached", memcachedCommand(), logs, false);
        Result ld = measure("larder", larderCommand(), logs, true);
        System.out.println();
        System.out.printf("%-10s %12s %10s %12s %9s %9s %8s%n",
                "server", "curr_items", "evictions", "bytes", "RSS MB", "heap MB", "fill s");
        for (Result r : List.of(mc, ld)) {
            System.out.printf("%-10s %,12d %,10d %,12d %9.1f %9s %8.1f%n", r.name, r.currItems, r.evictions,
                    r.bytes, r.rss / 1048576.0, r.heapLive < 0 ? "-" : String.format("%.1f", r.heapLive / 1048576.0),
                    r.fillSeconds);
        }
        System.out.printf("%nLarder/memcached: items %.3f, resident memory %.2f%n",
                (double) ld.currItems / mc.currItems, (double) ld.rss / mc.rss);
        return 0;
    }

    private Result measure(String name, List<String> command, Path logs, boolean jvm) throws Exception {
        int port = ServerProcess.freePort();
        List<String> withPort = new ArrayList<>(command);
        withPort.addAll(List.of("-p", String.valueOf(port)));
        try (ServerProcess server = ServerProcess.start(name, withPort, port, logs.resolve(name + ".log"));
             TextClient client = new TextClient(port)) {
            byte[] value = new byte[valueSize];
            Arrays.fill(value, (byte) 'v');
            long start = System.nanoTime();
            for (int i = 0; i < items; i++) {
                client.setNoReply(String.format("key:%010d", i), value);
                if (i % 10_000 == 9_999) {
                    client.sync();
                }
            }
            client.sync();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> stats = client.stats();
            long heap = jvm ? JvmMemory.liveHeap(server.pid()) : -1;
            return new Result(name, Long.parseLong(stats.get("curr_items")), Long.parseLong(stats.get("evictions")),
                    Long.parseLong(stats.get("bytes")), server.residentBytes(), heap, seconds);
        }
    }

    private List<String> memcachedCommand() {
        List<String> command = new ArrayList<>(List.of(memcached.toString(), "-l", "127.0.0.1", "-U", "0",
                "-m", String.valueOf(memoryMb), "-t", String.valueOf(threads)));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        return command;
    }

    private List<String> larderCommand() {
        return List.of(larder.resolve("bin/larder").toString(), "-m", String.valueOf(memoryMb),
                "-t", String.valueOf(threads), "--admin-port", "0");
    }

    private record Result(String name, long currItems, long evictions, long bytes, long rss, long heapLive,
                          double fillSeconds) {
    }
}
