package dev.larder.bench.load;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bulk loader as cache warmers write one: a single connection sending
 * {@code set ... noreply} as fast as the socket takes them, then one
 * {@code version} whose reply says the server has read them all. With
 * {@code --loads N} the load runs N times, one connection after the other, and
 * the figures are for all of them: a 100 MB load takes the server a quarter of a
 * second, some 25 of the clock ticks {@code /proc} counts CPU time in, too few
 * for a CPU cost per request steadier than a few percent. {@code --warm-up N}
 * runs N loads first, uncounted, so that the counted ones come from a compiled
 * client and go into a server whose memory is already allocated.
 */
@Command(name = "bulk", mixinStandardHelpOptions = true,
        description = "Pipelines noreply sets on one connection and reports how long the server took to take them.")
public final class BulkLoadCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Server address (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, required = true, description = "Server port")
    int port;

    @Option(names = {"-X", "--value-size"}, description = "Bytes per value (default: ${DEFAULT-VALUE})")
    int valueSize = 1000;

    @Option(names = {"-b", "--bytes"}, description = "Value bytes to send in all (default: ${DEFAULT-VALUE})")
    long totalBytes = 100L << 20;

    @Option(names = "--loads", description = "Runs of the load, each on a new connection (default: ${DEFAULT-VALUE})")
    int loads = 1;

    @Option(names = "--warm-up", description = "Uncounted runs of the load first (default: ${DEFAULT-VALUE})")
    int warmUpLoads;

    @Option(names = "--server-pid", description = "Also report the CPU time this server process spent per set"
            + " (from /proc, Linux)")
    long serverPid;

    @Option(names = "--json", description = "Print the result as one JSON line instead of text")
    boolean json;

    private static final byte[] CRLF = {'\r', '\n'};

    /** What every set sends after its key, and its value: made once, sent by every load. */
    private byte[] header;
    private byte[] value;

    @Override
    public Integer call() throws IOException {
        long sets = Math.max(1, totalBytes / valueSize);
        value = new byte[valueSize];
        Arrays.fill(value, (byte) 'b');
        header = (" 0 0 " + valueSize + " noreply\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int load = 0; load < warmUpLoads; load++) {
            if (load(sets) < 0) {
                return 1;
            }
        }
        long serverCpuAtStart = serverPid > 0 ? ServerCpu.micros(serverPid) : 0;
        long nanos = 0;
        for (int load = 0; load < loads; load++) {
            long took = load(sets);
            if (took < 0) {
                return 1;
            }
            nanos += took;
        }
        long requests = sets * loads;
        double seconds = nanos / 1e9;
        double cpuPerSet = serverPid > 0 ? (double) (ServerCpu.micros(serverPid) - serverCpuAtStart) / requests : -1;
        if (json) {
            System.out.printf("{\"requests\":%d,\"seconds\":%.4f,\"requestsPerSecond\":%.0f,"
                    + "\"serverCpuMicrosPerRequest\":%.3f}%n", requests, seconds, requests / seconds, cpuPerSet);
        } else {
            System.out.printf("%,d noreply sets of %,d bytes in %.3f s: %,.0f sets/s%s%n", requests, valueSize, seconds,
                    requests / seconds, cpuPerSet >= 0 ? String.format("; server CPU %.2f µs a set", cpuPerSet) : "");
        }
        return 0;
    }

    /** One load on a new connection: the nanoseconds from its first set to the reply to its {@code version}, or -1. */
    private long load(long sets) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(600_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            long start = System.nanoTime();
            for (long i = 0; i < sets; i++) {
                out.write(("set bulk:" + i).getBytes(StandardCharsets.US_ASCII));
                out.write(header);
                out.write(value);
                out.write(CRLF);
            }
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = firstLine(socket.getInputStream());
            if (!reply.startsWith("VERSION")) {
                System.err.println("unexpected reply: " + reply);
                return -1;
            }
            return System.nanoTime() - start;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }
}
