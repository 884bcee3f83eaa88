package dev.larder.dist;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as hostile clients meet it, each case bounded in count and
 * time, on loopback: what the server holds stays within {@code -m} plus a fixed
 * overhead, another client keeps being answered, nothing stored is lost, and the
 * log has no OutOfMemoryError. Each case prints its resident and direct memory
 * peaks (grep HOSTILE in the output).
 */
class HostileClientsIT {

    private static final String LISTENING = "memcached listening on 127\\.0\\.0\\.1:(\\d+)";
    private static final long MB = 1024 * 1024;
    /** -m for every case. */
    private static final int ITEMS_MB = 64;
    /**
     * What the server may hold beyond -m: the JVM (code, metadata, a heap of at most 64 MB) and the
     * network's budgets (max_pending_input 64 MB, max_pending_output 32 MB), with room for their slack.
     */
    private static final long OVERHEAD = 224 * MB;
    private static final long SLOWEST_ANSWER_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void oversizedConsoleBodiesAreRefusedUnreadAndKillNothing() throws Exception {
        int adminPort = freePort();
        try (Server larder = Server.start("--admin-port", String.valueOf(adminPort))) {
            Watch watch = larder.watch(() -> {
                for (int i = 0; i < 8; i++) {
                    assertThat(postLogin(adminPort, "Content-Length: 100000000", 1024 * 1024)).startsWith("HTTP/1.1 413");
                    assertThat(postLogin(adminPort, "Content-Length: 16777216", 16 * 1024 * 1024))
                            .startsWith("HTTP/1.1 413");
                    assertThat(postLogin(adminPort, "Transfer-Encoding: chunked", 1024 * 1024)).startsWith("HTTP/1.1 411");
                }
                return null;
            });
            watch.assertBounded("console bodies");
        }
    }

    @Test
    void aBulkLoaderOfNoreplySetsIsReadNoFasterThanItIsServed() throws Exception {
        try (Server larder = Server.start()) {
            byte[] batch = sets("bulk", 1000, 1000, true);
            Watch watch = larder.watch(() -> {
                try (TextConnection loader = new TextConnection(larder.port)) {
                    for (int i = 0; i < 100; i++) { // 100 MB of values
                        loader.send(batch);
                    }
                    loader.send("mn\r\n");
                    assertThat(loader.line()).isEqualTo("MN");
                }
                return null;
            });
            watch.assertBounded("bulk noreply loader, 100 MB");
            assertThat(larder.stat("input_buffered_peak")).isLessThan(2 * MB);
        }
    }

    @Test
    void twoHundredClientsThatNeverReadTheirGetsHoldTheOutputBudgetNotTheirHighWaterMarks() throws Exception {
        try (Server larder = Server.start()) {
            try (TextConnection setter = new TextConnection(larder.port)) {
                setter.send("set four 0 0 4000\r\n" + "f".repeat(4000) + "\r\n");
                assertThat(setter.line()).isEqualTo("STORED");
            }
            List<Socket> readers = new ArrayList<>();
            try {
                byte[] gets = "get four\r\n".repeat(2000).getBytes(US_ASCII);
                Watch watch = larder.watch(() -> {
                    for (int i = 0; i < 200; i++) {
                        Socket socket = new Socket();
                        socket.setReceiveBufferSize(16 * 1024);
                        socket.connect(new InetSocketAddress("127.0.0.1", larder.port));
                        readers.add(socket);
                        socket.getOutputStream().write(gets);
                    }
                    larder.awaitStat("output_budget_holds", 100);
                    return null;
                });
                watch.assertBounded("200 clients not reading 4 KB gets");
                assertThat(larder.stat("output_pending")).isLessThan(32 * MB + 200 * 200 * 1024);
            } finally {
                for (Socket socket : readers) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void halfSentMegabyteValuesAreHeldWithinTheBudgetAndTheRestRefused() throws Exception {
        try (Server larder = Server.start()) {
            List<TextConnection> senders = new ArrayList<>();
            try {
                String head = "set half%d 0 0 1048576\r\n";
                byte[] almost = "h".repeat(1048575).getBytes(US_ASCII);
                Watch watch = larder.watch(() -> {
                    for (int i = 0; i < 190; i++) {
                        TextConnection sender = new TextConnection(larder.port);
                        senders.add(sender);
                        sender.send(String.format(head, i)).send(almost);
                    }
                    larder.awaitStat("pending_input_refused", 100);
                    return null;
                });
                watch.assertBounded("190 half-sent 1 MB values");
                assertThat(larder.stat("pending_input_bytes")).isLessThanOrEqualTo(64 * MB + MB);
                int stored = 0;
                for (TextConnection sender : senders) {
                    sender.send("h\r\n");
                    String reply = sender.line();
                    assertThat(reply).isIn("STORED", "SERVER_ERROR out of memory storing object");
                    stored += reply.equals("STORED") ? 1 : 0;
                }
                // Those held when the budget was full were stored; the rest were refused at once, or held
                // later as the budget came free.
                assertThat(stored).as("values held to the end and stored").isBetween(40, 90);
            } finally {
                for (TextConnection sender : senders) {
                    sender.close();
                }
            }
        }
    }

    @Test
    void slowlorisClientsAreRefusedBeyondTheLimitAndClosedWhenIdle() throws Exception {
        try (Server larder = Server.start("-c", "64", "-o", "idle_timeout=2")) {
            List<Socket> slow = new ArrayList<>();
            try {
                Watch watch = larder.watch(() -> {
                    for (int i = 0; i < 100; i++) {
                        Socket socket = new Socket("127.0.0.1", larder.port);
                        slow.add(socket);
                        socket.getOutputStream().write('g');
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                    while (System.nanoTime() < deadline) { // a byte now and then: never a whole command
                        for (Socket socket : slow) {
                            try {
                                socket.getOutputStream().write('e');
                            } catch (IOException closedByTheServer) {
                                // refused at the limit, or closed as idle
                            }
                        }
                        Thread.sleep(200);
                    }
                    return null;
                });
                watch.assertBounded("100 slowloris clients, -c 64, idle_timeout 2");
                assertThat(larder.stat("rejected_connections")).isPositive();
                assertThat(larder.stat("idle_kicks")).isPositive();
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aHundredThousandConnectionsOpenedAndClosedLeaveNothingBehind() throws Exception {
        try (Server larder = Server.start()) {
            long before = larder.stat("curr_connections");
            Watch watch = larder.watch(() -> {
                for (int i = 0; i < 100_000; i++) {
                    try (Socket socket = new Socket("127.0.0.1", larder.port)) {
                        socket.setSoLinger(true, 0); // no TIME_WAIT left behind on the client's side
                    }
                }
                return null;
            });
            watch.assertBounded("100,000 connect/close cycles");
            larder.awaitStat("total_connections", 100_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (larder.stat("curr_connections") > before + 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(larder.stat("curr_connections")).isLessThanOrEqualTo(before + 1);
        }
    }

    @Test
    void aSigtermRightAfterStartLosesNothingOfTheMemoryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("larder.memory");
        try (Server first = Server.start("-e", file.toString())) {
            try (TextConnection client = new TextConnection(first.port)) {
                client.send(sets("kept", 20_000, 1000, false));
                for (int i = 0; i < 20_000; i++) {
                    assertThat(client.line()).isEqualTo("STORED");
                }
            }
            first.launcher.terminate();
            first.launcher.awaitLine("Saved 20001 items");
        }
        // Stopped again and again right after start: whatever the moment, the items survive.
        for (long delayMillis : new long[] {300, 600, 900, 1200, 1600}) {
            LauncherProcess restarted = LauncherProcess.startWithJavaOpts("", "-p", "-1", "--admin-port", "0", "-e", file.toString());
            try (restarted) {
                Thread.sleep(delayMillis);
                restarted.terminate();
                assertThat(restarted.output()).doesNotContain("OutOfMemoryError");
            }
        }
        try (Server last = Server.start("-e", file.toString())) {
            assertThat(last.stat("curr_items")).as("the 20,000 items and the first run's probe").isEqualTo(20_001);
        }
    }

    @Test
    void aTwentyFourMegabyteItemCrossesARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("larder.memory");
        String value = "L".repeat(24 * 1024 * 1024);
        try (Server first = Server.start("-I", "100m", "-e", file.toString())) {
            try (TextConnection client = new TextConnection(first.port)) {
                client.send("set large 3 0 " + value.length() + "\r\n" + value + "\r\n");
                assertThat(client.line()).isEqualTo("STORED");
            }
            first.launcher.terminate();
            first.launcher.awaitLine("Saved 2 items");
        }
        try (Server second = Server.start("-I", "100m", "-e", file.toString())) {
            second.launcher.awaitLine("Restored 2 items");
            try (TextConnection client = new TextConnection(second.port)) {
                client.send("get large\r\n");
                assertThat(client.line()).isEqualTo("VALUE large 3 " + value.length());
                assertThat(client.line()).isEqualTo(value);
                assertThat(client.line()).isEqualTo("END");
            }
            second.assertNoOutOfMemory();
            assertThat(residentBytes(second.launcher.pid())).isLessThan(ITEMS_MB * MB + OVERHEAD);
        }
    }

    @Test
    void aDamagedMemoryFileIsMovedAsideAndTheServerStartsEmpty(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("larder.memory");
        Files.write(file, "LARDERMF\0\0\0\1\1\5hello".getBytes(US_ASCII));
        try (Server larder = Server.start("-e", file.toString())) {
            larder.launcher.awaitLine("Cannot load the memory file .* moved to .*damaged");
            assertThat(larder.stat("curr_items")).as("the probe's item alone").isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("larder.memory.damaged-"));
        }
    }

    @Test
    void silentConsoleConnectionsCannotTakeTheCachePortsDescriptors() throws Exception {
        int adminPort = freePort();
        try (Server larder = Server.startWithFileLimit(1024, "--admin-port", String.valueOf(adminPort))) {
            List<Socket> silent = new ArrayList<>();
            ExecutorService connecting = Executors.newFixedThreadPool(8);
            try {
                Watch watch = larder.watch(() -> {
                    List<Future<Socket>> opened = new ArrayList<>();
                    for (int i = 0; i < 1100; i++) {
                        Callable<Socket> open = () -> {
                            Socket socket = new Socket();
                            socket.connect(new InetSocketAddress("127.0.0.1", adminPort), 2000);
                            return socket;
                        };
                        opened.add(connecting.submit(open));
                    }
                    for (Future<Socket> socket : opened) {
                        try {
                            silent.add(socket.get(10, TimeUnit.SECONDS));
                        } catch (Exception backlogFull) {
                            // beyond the accept queue: refused by the kernel, as it should be
                        }
                    }
                    for (int i = 0; i < 50; i++) { // the cache port still accepts new clients
                        try (TextConnection client = new TextConnection(larder.port)) {
                            client.send("version\r\n");
                            assertThat(client.line()).startsWith("VERSION");
                        }
                    }
                    return null;
                });
                watch.assertBounded("1,100 silent console connections under ulimit -n 1024");
            } finally {
                connecting.shutdownNow();
                for (Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------

    /** The distribution under attack, with a client of its own that keeps asking for a stored key. */
    private static final class Server implements AutoCloseable {
        final LauncherProcess launcher;
        final int port;
        private final TextConnection probe;

        private Server(LauncherProcess launcher) throws Exception {
            this.launcher = launcher;
            this.port = Integer.parseInt(launcher.awaitLine(LISTENING).group(1));
            launcher.awaitLine("Larder .* started");
            this.probe = new TextConnection(port);
            probe.send("set probe 0 0 5\r\nprobe\r\n");
            assertThat(probe.line()).isEqualTo("STORED");
        }

        /** With the launcher's own JVM options, -m 64 and no console unless the arguments name one. */
        static Server start(String... args) throws Exception {
            return new Server(LauncherProcess.startWithJavaOpts("", withDefaults(args)));
        }

        static Server startWithFileLimit(int openFiles, String... args) throws Exception {
            return new Server(LauncherProcess.startWithFileLimit(openFiles, withDefaults(args)));
        }

        private static String[] withDefaults(String... args) {
            List<String> all = new ArrayList<>(List.of("-p", "-1", "-m", String.valueOf(ITEMS_MB)));
            if (!List.of(args).contains("--admin-port")) {
                all.addAll(List.of("--admin-port", "0"));
            }
            all.addAll(List.of(args));
            return all.toArray(String[]::new);
        }

        /** Runs the attack while the probe keeps asking, sampling memory; returns what was seen. */
        Watch watch(Callable<Void> attack) throws Exception {
            Watch watch = new Watch(this);
            CompletableFuture<Void> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return attack.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            do {
                watch.sample();
            } while (!running.isDone());
            running.get();
            watch.sample();
            return watch;
        }

        long stat(String name) throws IOException {
            synchronized (probe) {
                return probe.stat(name);
            }
        }

        void awaitStat(String name, long atLeast) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (stat(name) < atLeast) {
                assertThat(System.nanoTime()).as("waiting for %s to reach %d", name, atLeast).isLessThan(deadline);
                Thread.onSpinWait();
            }
        }

        /** Asks for the probe key; returns how long the answer took. */
        long probeNanos() throws IOException {
            synchronized (probe) {
                long start = System.nanoTime();
                probe.send("get probe\r\n");
                assertThat(probe.line()).as("the probe key is still there").isEqualTo("VALUE probe 0 5");
                assertThat(probe.line()).isEqualTo("probe");
                assertThat(probe.line()).isEqualTo("END");
                return System.nanoTime() - start;
            }
        }

        void assertNoOutOfMemory() {
            assertThat(launcher.output()).doesNotContain("OutOfMemoryError").doesNotContain("OutOfDirectMemoryError");
        }

        @Override
        public void close() throws Exception {
            probe.close();
            launcher.close();
        }
    }

    /** What a server was seen doing during an attack. */
    private static final class Watch {
        private final Server server;
        long residentPeak;
        long directPeak;
        long slowestAnswer;
        int samples;

        Watch(Server server) {
            this.server = server;
        }

        void sample() throws IOException {
            slowestAnswer = Math.max(slowestAnswer, server.probeNanos());
            residentPeak = Math.max(residentPeak, residentBytes(server.launcher.pid()));
            directPeak = Math.max(directPeak, server.stat("direct_memory_used"));
            samples++;
        }

        void assertBounded(String attack) {
            System.out.printf("HOSTILE %s: resident peak %d MB, direct memory peak %d MB, slowest answer %d ms,"
                    + " %d samples%n", attack, residentPeak / MB, directPeak / MB, slowestAnswer / 1_000_000, samples);
            assertThat(samples).isGreaterThan(2);
            assertThat(residentPeak).as("resident memory under %s", attack).isLessThan(ITEMS_MB * MB + OVERHEAD);
            assertThat(slowestAnswer).as("slowest answer to another client under %s", attack)
                    .isLessThan(SLOWEST_ANSWER_NANOS);
            server.assertNoOutOfMemory();
        }
    }

    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** {@code count} sets of {@code size}-byte values, keys prefix0..; with noreply, or not. */
    private static byte[] sets(String prefix, int count, int size, boolean noreply) {
        StringBuilder batch = new StringBuilder();
        String value = "v".repeat(size);
        for (int i = 0; i < count; i++) {
            batch.append("set ").append(prefix).append(i).append(" 0 0 ").append(size)
                    .append(noreply ? " noreply\r\n" : "\r\n").append(value).append("\r\n");
        }
        return batch.toString().getBytes(US_ASCII);
    }

    /** A login POST with this header, sending {@code bodyBytes} of body; returns the status line. */
    private static String postLogin(int adminPort, String lengthHeader, int bodyBytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", adminPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:" + adminPort + "\r\nContent-Type: text/plain\r\n"
                    + lengthHeader + "\r\n\r\n").getBytes(US_ASCII));
            try {
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException refusedAndClosed) {
                // the server answered and closed without reading the rest
            }
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\r') {
                status.append((char) b);
            }
            return status.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
