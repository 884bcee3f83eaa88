package dev.larder.dist;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/** A memcached text-protocol connection over a blocking socket, for tests of the running server. */
final class TextConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    TextConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    TextConnection send(String text) throws IOException {
        return send(text.getBytes(US_ASCII));
    }

    TextConnection send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        return this;
    }

    /** One reply line without its CRLF; null at the end of the stream. */
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

    Map<String, String> stats(String group) throws IOException {
        send(group.isEmpty() ? "stats\r\n" : "stats " + group + "\r\n");
        Map<String, String> stats = new LinkedHashMap<>();
        String line;
        while ((line = line()) != null && !line.equals("END")) {
            String[] parts = line.split(" ", 3);
            stats.put(parts[1], parts.length > 2 ? parts[2] : "");
        }
        return stats;
    }

    /** One figure, from memcached's general statistics or else from Larder's own ({@code stats larder}). */
    long stat(String name) throws IOException {
        String value = stats("").get(name);
        return Long.parseLong(value != null ? value : stats("larder").get(name));
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
