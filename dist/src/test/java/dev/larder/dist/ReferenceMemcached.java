package dev.larder.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** memcached from Debian, started on a free loopback port as the reference Larder is compared with. */
final class ReferenceMemcached implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/memcached");

    private final Process process;
    private final int port;

    private ReferenceMemcached(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts memcached, or skips the calling test class where it is not installed. */
    static ReferenceMemcached start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "memcached is not installed (Debian package memcached); "
                + ".ci/run installs it");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-U", "0", "-l", "127.0.0.1",
                "-p", String.valueOf(port)));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        ReferenceMemcached memcached = new ReferenceMemcached(
                new ProcessBuilder(command).redirectErrorStream(true).start(), port);
        memcached.awaitListening();
        return memcached;
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw e;
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
