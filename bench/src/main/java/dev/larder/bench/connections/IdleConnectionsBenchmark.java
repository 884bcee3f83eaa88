package dev.larder.bench.connections;

import dev.larder.bench.process.JvmMemory;
import dev.larder.bench.process.ServerProcess;
import dev.larder.bench.process.TextClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What an idle connection costs: memcached and Larder each get the same number
 * of connections, each of which sends one request and then stays silent; the
 * servers' resident memory (and Larder's live heap) before and after, per connection.
 */
@Command(name = "idle-connections", mixinStandardHelpOptions = true,
        description = "Server memory per idle connection, Larder against memcached. Needs ulimit -n above"
                + " the connection count.")
public final class IdleConnectionsBenchmark implements Callable<Integer> {

    private static final byte[] VERSION = "version\r\n".getBytes(StandardCharsets.US_ASCII);

    @Option(names = "--larder", description = "The unpacked distribution (default: ${DEFAULT-VALUE})")
    Path larder = Path.of("dist/target/larder");

    @Option(names = "--memcached", description = "The memcached binary (default: ${DEFAULT-VALUE})")
    Path memcached = Path.of("/usr/bin/memcached");

    @Option(names = {"-n", "--connections"}, description = "Idle connections to open (default: ${DEFAULT-VALUE})")
    int connections = 10_000;

    @Option(names = {"-t", "--threads"}, description = "Threads of both servers (default: ${DEFAULT-VALUE})")
    int threads = 2;

    @Override
    public Integer call() throws Exception {
        Path logs = Files.createTempDirectory("larder-idle");
        System.out.printf("Idle connections: %,d, each sends one version request; -t %d%n", connections, threads);
        Result mc = measure("memcached", memcachedCommand(), logs, false);
        Result ld = measure("larder", larderCommand(), logs, true);
        System.out.println();
        System.out.printf("%-10s %12s %14s %14s %16s%n", "server", "connections", "RSS before MB",
                "RSS after MB", "bytes/connection");
        for (Result r : List.of(mc, ld)) {
            System.out.printf("%-10s %,12d %14.1f %14.1f %,16d%n", r.name, r.connections, r.rssBefore / 1048576.0,
                    r.rssAfter / 1048576.0, (r.rssAfter - r.rssBefore) / r.connections);
        }
        System.out.printf("%nLarder live heap: %.1f MB before, %.1f MB after: %,d bytes/connection%n",
                ld.heapBefore / 1048576.0, ld.heapAfter / 1048576.0, (ld.heapAfter - ld.heapBefore) / ld.connections);
        System.out.printf("Larder/memcached resident bytes per connection: %.2f%n",
                (double) (ld.rssAfter - ld.rssBefore) / Math.max(1, mc.rssAfter - mc.rssBefore));
        return 0;
    }

    private Result measure(String name, List<String> command, Path logs, boolean jvm) throws Exception {
        int port = ServerProcess.freePort();
        List<String> withPort = new ArrayList<>(command);
        withPort.addAll(List.of("-p", String.valueOf(port)));
        List<SocketChannel> open = new ArrayList<>(connections);
        try (ServerProcess server = ServerProcess.start(name, withPort, port, logs.resolve(name + ".log"));
             TextClient stats = new TextClient(port)) {
            // Warm up: a few hundred connections opened and closed, so the first ones are not counted as cost.
            openConnections(port, open, 200);
            closeAll(open);
            long heapBefore = jvm ? JvmMemory.liveHeap(server.pid()) : 0;
            long rssBefore = server.residentBytes();
            openConnections(port, open, connections);
            long current = Long.parseLong(stats.stats().get("curr_connections"));
            long heapAfter = jvm ? JvmMemory.liveHeap(server.pid()) : 0;
            long rssAfter = server.residentBytes();
            closeAll(open);
            System.out.printf("%s: curr_connections %,d%n", name, current);
            return new Result(name, connections, rssBefore, rssAfter, heapBefore,
                    heapAfter);
        } finally {
            closeAll(open);
        }
    }

    private static void openConnections(int port, List<SocketChannel> open, int count) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        ByteBuffer reply = ByteBuffer.allocate(256);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.write(ByteBuffer.wrap(VERSION));
            open.add(channel);
        }
        // Every connection answered: the server has accepted it and set it up.
        for (SocketChannel channel : open) {
            reply.clear();
            while (reply.position() == 0 || reply.get(reply.position() - 1) != '\n') {
                if (channel.read(reply) < 0) {
                    throw new IOException("connection closed by the server: " + describe(channel));
                }
            }
        }
    }

    private static String describe(SocketChannel channel) {
        try {
            return String.valueOf(channel.getLocalAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    private static void closeAll(List<SocketChannel> open) {
        for (SocketChannel channel : open) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        open.clear();
    }

    private List<String> memcachedCommand() {
        List<String> command = new ArrayList<>(List.of(memcached.toString(), "-l", "127.0.0.1", "-U", "0",
                "-t", String.valueOf(threads), "-c", String.valueOf(connections + 100)));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        return command;
    }

    private List<String> larderCommand() {
        return List.of(larder.resolve("bin/larder").toString(), "-t", String.valueOf(threads),
                "-c", String.valueOf(connections + 100), "--admin-port", "0");
    }

    private record Result(String name, long connections, long rssBefore, long rssAfter, long heapBefore,
                          long heapAfter) {
    }
}
