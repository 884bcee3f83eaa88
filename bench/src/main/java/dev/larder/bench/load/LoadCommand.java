package dev.larder.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A load generator for any memcached server: connections each keeping a
 * pipeline of gets and sets in flight, a progress line each second, and a
 * report of throughput and latency percentiles as text and JSON.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Drives gets and sets at a memcached server and reports throughput and latency.")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Server address (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, required = true, description = "Server port")
    int port;

    @Option(names = {"-c", "--connections"}, description = "Connections (default: ${DEFAULT-VALUE})")
    int connections = 32;

    @Option(names = {"-d", "--depth"}, description = "Requests in flight per connection (default: ${DEFAULT-VALUE})")
    int depth = 1;

    @Option(names = "--rate", description = "Open loop: requests per second in all, sent on schedule whatever the "
            + "replies do, each latency counted from when its request was due; 0 for a closed loop of --depth "
            + "requests in flight per connection (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--get-ratio", description = "Share of gets, the rest sets (default: ${DEFAULT-VALUE})")
    double getRatio = 0.9;

    @Option(names = {"-k", "--keys"}, description = "Key space (default: ${DEFAULT-VALUE})")
    int keySpace = 100_000;

    @Option(names = "--distribution", description = "uniform or zipf (default: ${DEFAULT-VALUE})")
    String distribution = "uniform";

    @Option(names = {"-X", "--value-size"}, description = "Bytes per value (default: ${DEFAULT-VALUE})")
    int valueSize = 100;

    @Option(names = "--protocol", description = "text or binary (default: ${DEFAULT-VALUE})")
    String protocol = "text";

    @Option(names = "--tls", description = "Connect with TLS (the server's certificate is not checked)")
    boolean tls;

    @Option(names = {"-t", "--seconds"}, description = "Seconds to run (default: ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = {"-n", "--requests"}, description = "Requests to send instead of running for a time")
    long requests;

    @Option(names = {"-w", "--warmup"}, description = "Seconds of load before the measured part, left out of the "
            + "report: the generator's own JIT compiles then, not while it measures (default: ${DEFAULT-VALUE})")
    int warmupSeconds = 0;

    @Option(names = "--threads", description = "Client event-loop threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--no-prefill", negatable = true, description = "Set every key before the run (default: on)")
    boolean prefill = true;

    @Option(names = "--json", description = "Also write the report to this file as JSON")
    Path json;

    @Option(names = "--histogram", description = "Also write the latency distribution (HdrHistogram's "
            + "percentile table, microseconds) to this file, to compare the shape of two runs' tails")
    Path histogram;

    @Option(names = "--server-pid", description = "Also report the CPU time this server process spent per request"
            + " over the measured part (from /proc/PID/stat; Linux only)")
    long serverPid;

    @Option(names = "--quiet", description = "No progress line")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        WireProtocol wire = WireProtocol.named(protocol);
        Workload workload = new Workload(keySpace, distribution, getRatio, valueSize);
        SslContext ssl = tls ? SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3", "TLSv1.2").build() : null;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            if (prefill) {
                new Prefill(wire, workload).run(loops, ssl, host, port);
            }
            return run(wire, workload, ssl, loops);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private int run(WireProtocol wire, Workload workload, SslContext ssl, EventLoopGroup loops) throws Exception {
        Tally tally = new Tally();
        long launched = System.nanoTime();
        long warmupEnd = launched + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long deadline = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong budget = new AtomicLong(requests > 0 ? requests : Long.MAX_VALUE);
        java.util.function.BooleanSupplier keepGoing = requests > 0
                ? () -> System.nanoTime() < warmupEnd || budget.getAndDecrement() > 0
                : () -> System.nanoTime() < deadline;
        List<Channel> channels = new ArrayList<>();
        Pacers pacers = new Pacers();
        for (int i = 0; i < connections; i++) {
            long seed = i * 7919L + 17;
            io.netty.channel.ChannelHandler connection = rate > 0
                    ? new PacedConnection(wire, workload, tally, pacers, rate / connections, keepGoing, seed)
                    : new LoadConnection(wire, workload, tally, depth, keepGoing, seed);
            channels.add(bootstrap(loops, ssl, connection).connect(host, port).sync().channel());
        }
        Tally.Counts warmup = Tally.Counts.NONE;
        if (warmupSeconds > 0) {
            TimeUnit.NANOSECONDS.sleep(warmupEnd - System.nanoTime());
            warmup = tally.counts();
            tally.latencyMicros.reset();
            if (!quiet) {
                System.err.printf("warm-up: %,d requests in %d s (errors %,d), not counted%n", warmup.replies(),
                        warmupSeconds, warmup.errors());
            }
        }
        long start = System.nanoTime();
        long serverCpuAtStart = serverPid > 0 ? ServerCpu.micros(serverPid) : 0;
        Histogram total = new Histogram(3);
        Histogram interval = null;
        long lastReplies = warmup.replies();
        long lastTime = start;
        while (channels.stream().anyMatch(Channel::isActive)) {
            Thread.sleep(1000);
            interval = tally.latencyMicros.getIntervalHistogram(interval);
            total.add(interval);
            long now = System.nanoTime();
            long replies = tally.replies();
            if (!quiet) {
                System.err.printf("\r%5.0f s %,12.0f req/s  p99 %,8d µs  errors %,d   ",
                        (now - start) / 1e9, (replies - lastReplies) / ((now - lastTime) / 1e9),
                        interval.getValueAtPercentile(99), tally.errors.sum());
            }
            lastReplies = replies;
            lastTime = now;
        }
        total.add(tally.latencyMicros.getIntervalHistogram());
        double elapsed = (System.nanoTime() - start) / 1e9;
        long serverCpu = serverPid > 0 ? ServerCpu.micros(serverPid) - serverCpuAtStart : -1;
        if (!quiet) {
            System.err.println();
        }
        Tally.Counts measured = tally.counts().since(warmup);
        long count = measured.replies();
        LoadReport report = new LoadReport(protocol, tls, connections, depth, rate, getRatio, keySpace, distribution,
                valueSize, count, elapsed, count / elapsed, measured.hits(), measured.misses(), measured.stored(),
                measured.errors(), serverPid > 0 && count > 0 ? (double) serverCpu / count : -1,
                LoadReport.Latency.of(total));
        System.out.println(report.text());
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        }
        if (histogram != null) {
            try (PrintStream out = new PrintStream(histogram.toFile(), StandardCharsets.UTF_8)) {
                total.outputPercentileDistribution(out, 5, 1.0);
            }
        }
        return tally.errors.sum() == 0 ? 0 : 1; // an error in the warm-up fails the run too
    }

    static Bootstrap bootstrap(EventLoopGroup loops, SslContext ssl, io.netty.channel.ChannelHandler handler) {
        return new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(handler);
                    }
                });
    }
}
