package dev.larder.network.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;

/** A bare memcached text client over a blocking socket, for tests. */
final class TextClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    TextClient(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    TextClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    TextClient send(String text) throws IOException {
        return send(text.getBytes(US_ASCII));
    }

    TextClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One reply line, without its CRLF; null at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(US_ASCII);
    }

    byte[] exactly(int length) throws IOException {
        return in.readNBytes(length);
    }

    /** Skips {@code length} bytes of reply. */
    void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("end of stream with " + left + " bytes to go");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** Whether the server has closed: the next read is the end of the stream. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** memcached's general statistics. */
    Map<String, String> stats() throws IOException {
        return stats("stats\r\n");
    }

    /** Larder's own figures for its buffers and budgets. */
    Map<String, String> larderStats() throws IOException {
        return stats("stats larder\r\n");
    }

    private Map<String, String> stats(String command) throws IOException {
        send(command);
        Map<String, String> stats = new HashMap<>();
        String line;
        while (!(line = line()).equals("END")) {
            String[] parts = line.split(" ", 3);
            stats.put(parts[1], parts[2]);
        }
        return stats;
    }

    /** One figure, from memcached's general statistics or else from Larder's own. */
    long stat(String name) throws IOException {
        String value = stats().get(name);
        return Long.parseLong(value != null ? value : larderStats().get(name));
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
