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
 * {@code version} whose reply says the server has read them all.
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

    @Option(names = "--json", description = "Print the result as one JSON line instead of text")
    boolean json;

    @Override
    public Integer call() throws IOException {
        long sets = Math.max(1, totalBytes / valueSize);
        byte[] value = new byte[valueSize];
        Arrays.fill(value, (byte) 'b');
        byte[] header = (" 0 0 " + valueSize + " noreply\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = {'\r', '\n'};
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
                out.write(crlf);
            }
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = firstLine(socket.getInputStream());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!reply.startsWith("VERSION")) {
                System.err.println("unexpected reply: " + reply);
                return 1;
            }
            if (json) {
                System.out.printf("{\"requests\":%d,\"seconds\":%.4f,\"requestsPerSecond\":%.0f}%n", sets, seconds,
                        sets / seconds);
            } else {
                System.out.printf("%,d noreply sets of %,d bytes in %.3f s: %,.0f sets/s%n", sets, valueSize, seconds,
                        sets / seconds);
            }
            return 0;
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
