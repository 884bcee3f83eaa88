package dev.larder.bench.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal memcached text-protocol client for benchmarks: pipelined noreply sets and stats. */
public final class TextClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public TextClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(120_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** Queues {@code set key 0 0 len noreply}; sent as the buffer fills or on {@link #sync()}. */
    public void setNoReply(String key, byte[] value) throws IOException {
        out.write(("set " + key + " 0 0 " + value.length + " noreply\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(value);
        out.write('\r');
        out.write('\n');
    }

    /** Sends what is queued and waits until the server has processed it. */
    public void sync() throws IOException {
        out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = readLine();
        if (!line.startsWith("VERSION ")) {
            throw new IOException("Unexpected reply while syncing: " + line);
        }
    }

    public Map<String, String> stats() throws IOException {
        out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Map<String, String> stats = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).equals("END")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && parts[0].equals("STAT")) {
                stats.put(parts[1], parts[2]);
            } else {
                throw new IOException("Unexpected stats line: " + line);
            }
        }
        return stats;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("Connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
