package dev.larder.dist;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real distribution, started with bin/larder as a user would. */
class LauncherIT {

    private static final String LISTENING = "memcached listening on 127\\.0\\.0\\.1:(\\d+)";

    @Test
    void servesMemcachedTheConsoleAndJmxThenStopsOnSigterm() throws Exception {
        int adminPort = freePort();
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", String.valueOf(adminPort))) {
            int port = Integer.parseInt(larder.awaitLine(LISTENING).group(1));
            larder.awaitLine("admin console listening on http://127\\.0\\.0\\.1:" + adminPort + "/");
            larder.awaitLine("Larder .* started");

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("set a 0 0 1\r\n1\r\nget a\r\n".getBytes(US_ASCII));
                String expected = "STORED\r\nVALUE a 0 1\r\n1\r\nEND\r\n";
                assertThat(new String(socket.getInputStream().readNBytes(expected.length()), US_ASCII))
                        .isEqualTo(expected);
            }

            // No admin.password set: the first start made one and said where, never what.
            Path passwordFile = LauncherProcess.home().resolve("conf/admin.password").toAbsolutePath();
            larder.awaitLine("Admin console password.*: in " + Pattern.quote(passwordFile.toString()));
            String password = Files.readString(passwordFile).strip();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            assertThat(larder.output()).doesNotContain(password);

            URI pluginsApi = URI.create("http://127.0.0.1:" + adminPort + "/api/plugins");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(pluginsApi).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
            HttpResponse<String> plugins = http.send(HttpRequest.newBuilder(pluginsApi)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + password).getBytes(US_ASCII))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plugins.statusCode()).isEqualTo(200);
            List<String> slots = new ArrayList<>();
            for (JsonNode plugin : new ObjectMapper().readTree(plugins.body())) {
                slots.add(plugin.get("slot").asText());
                assertThat(plugin.get("source").asText()).contains("plugins");
            }
            assertThat(slots).containsExactlyInAnyOrder("network", "protocol", "storage", "admin");

            assertThat(larderMBeans(larder.pid())).contains("dev.larder:type=Kernel", "dev.larder:type=Storage");

            assertThat(larder.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            larder.awaitLine("Kernel - Stopped");
        }
    }

    @Test
    void aGracefulRestartWithAMemoryFileKeepsEveryItem(@TempDir Path dir) throws Exception {
        Path memoryFile = dir.resolve("larder.memory");
        StringBuilder sets = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sets.append("set warm").append(i).append(' ').append(i).append(" 0 6\r\nvalue").append(i % 10)
                    .append("\r\n");
            expected.append("VALUE warm").append(i).append(' ').append(i).append(" 6\r\nvalue").append(i % 10)
                    .append("\r\n");
        }
        try (LauncherProcess first = LauncherProcess.start("-p", "-1", "--admin-port", "0", "-e", memoryFile.toString())) {
            int port = Integer.parseInt(first.awaitLine(LISTENING).group(1));
            assertThat(exchange(port, sets.toString(), "STORED\r\n".repeat(500).length()))
                    .isEqualTo("STORED\r\n".repeat(500));
            first.terminate();
            first.awaitLine("Saved 500 items to");
        }
        try (LauncherProcess second = LauncherProcess.start("-p", "-1", "--admin-port", "0", "-e", memoryFile.toString())) {
            second.awaitLine("Restored 500 items from");
            int port = Integer.parseInt(second.awaitLine(LISTENING).group(1));
            StringBuilder gets = new StringBuilder("get");
            for (int i = 0; i < 500; i++) {
                gets.append(" warm").append(i);
            }
            String reply = expected + "END\r\n";
            assertThat(exchange(port, gets + "\r\n", reply.length())).isEqualTo(reply);
            second.terminate();
        }
    }

    private static String exchange(int port, String request, int replyLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(US_ASCII));
            return new String(socket.getInputStream().readNBytes(replyLength), US_ASCII);
        }
    }

    /**
     * The shipped systemd unit, its paths pointed at this build: systemd-analyze accepts it, and its
     * ExecStart line starts a server that logs to the file and writes the pid file the settings name,
     * serves, and stops on SIGTERM with an exit status the unit counts as success.
     */
    @Test
    void theSystemdUnitsCommandStartsAServerThatLogsAndStopsAsTheUnitExpects(@TempDir Path dir) throws Exception {
        Path home = LauncherProcess.home().toAbsolutePath();
        String unit = Files.readString(home.resolve("conf/larder.service"));
        Path settings = dir.resolve("larder.properties");
        Path log = dir.resolve("larder.log");
        Path pid = dir.resolve("larder.pid");
        Files.writeString(settings, "port=-1\nadmin_port=0\nlog_file=" + log + "\npid_file=" + pid + "\n");
        String local = unit.replace("/opt/larder", home.toString()).replace("/etc/larder/larder.properties",
                settings.toString());
        Path unitFile = Files.writeString(dir.resolve("larder.service"), local);
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Process verify = new ProcessBuilder("systemd-analyze", "verify", unitFile.toString())
                    .redirectErrorStream(true).start();
            String said = new String(verify.getInputStream().readAllBytes(), US_ASCII);
            assertThat(verify.waitFor()).as("systemd-analyze verify: " + said).isZero();
        }
        List<String> execStart = List.of(local.lines().filter(line -> line.startsWith("ExecStart="))
                .findFirst().orElseThrow().substring("ExecStart=".length()).split(" "));
        assertThat(execStart.get(0)).isEqualTo(home.resolve("bin/larder").toString());
        try (LauncherProcess larder = LauncherProcess.start(execStart.subList(1, execStart.size())
                .toArray(String[]::new))) {
            java.util.regex.Matcher listening = awaitFileLine(log, LISTENING);
            // The pid file is written once every listener is up, after the log says so, as memcached does.
            assertThat(awaitFileLine(pid, "^(\\d+)\\n").group(1)).isEqualTo(String.valueOf(larder.pid()));
            assertThat(exchange(Integer.parseInt(listening.group(1)), "set u 0 0 1\r\n1\r\n", 8))
                    .isEqualTo("STORED\r\n");
            assertThat(larder.output()).as("standard output, with the log in its file").doesNotContain("listening");
            int exit = larder.terminate();
            List<String> success = new ArrayList<>(List.of("0"));
            local.lines().filter(line -> line.startsWith("SuccessExitStatus="))
                    .forEach(line -> success.addAll(List.of(line.substring("SuccessExitStatus=".length()).split(" "))));
            assertThat(success).as("exit status after SIGTERM, which the unit must count as success")
                    .contains(String.valueOf(exit));
            awaitFileLine(log, "Kernel - Stopped");
            assertThat(pid).as("the pid file is removed at the stop").doesNotExist();
        }
    }

    private static java.util.regex.Matcher awaitFileLine(Path file, String regex) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + LauncherProcess.DEADLINE.toNanos();
        while (true) {
            if (Files.exists(file)) {
                java.util.regex.Matcher match = pattern.matcher(Files.readString(file));
                if (match.find()) {
                    return match;
                }
            }
            assertThat(System.nanoTime()).as("deadline for '" + regex + "' in " + file).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Test
    void memcachedToolsStoreAndReadBack(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/memccp")),
                "memccp not installed (Debian package libmemcached-tools); .ci/run installs it");
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", "0")) {
            String server = "--servers=127.0.0.1:" + larder.awaitLine(LISTENING).group(1);
            Path file = Files.writeString(dir.resolve("greeting"), "hello from memccp");
            assertThat(run(dir, "memccp", server, file.toString())).isEmpty();
            assertThat(run(dir, "memccat", server, "greeting")).isEqualTo("hello from memccp");
            larder.terminate();
        }
    }

    @Test
    void helpListsEverySettingAndTheSettingsFileHasEachOne() throws Exception {
        String conf = Files.readString(LauncherProcess.home().resolve("conf/larder.properties"));
        try (LauncherProcess help = LauncherProcess.start("--help")) {
            help.awaitLine("Settings \\(in conf/larder.properties");
            assertThat(help.awaitExit()).isZero();
            Set<String> declared = Pattern.compile("(?m)^  ([a-z_.]+) = ").matcher(help.output()).results()
                    .map(m -> m.group(1)).collect(Collectors.toSet());
            assertThat(declared).contains("port", "listen", "memory_limit", "threads", "admin_port");
            for (String name : declared) {
                assertThat(conf).as("conf/larder.properties lists " + name).containsPattern("(?m)^#" + name + "=");
            }
        }
    }

    @Test
    void theShutdownCommandStopsTheServerOnlyWhenEnabled() throws Exception {
        try (LauncherProcess refusing = LauncherProcess.start("-p", "-1", "--admin-port", "0")) {
            int port = Integer.parseInt(refusing.awaitLine(LISTENING).group(1));
            assertThat(exchange(port, "shutdown\r\n", 29)).isEqualTo("ERROR: shutdown not enabled\r\n");
            refusing.terminate();
        }
        try (LauncherProcess enabled = LauncherProcess.start("-p", "-1", "--admin-port", "0", "-A")) {
            int port = Integer.parseInt(enabled.awaitLine(LISTENING).group(1));
            assertThat(exchange(port, "shutdown\r\n", 1)).isEmpty();
            enabled.awaitLine("Kernel - Stopped");
            assertThat(enabled.awaitExit()).isZero();
        }
    }

    /**
     * A memcached unit file's command line (Debian's /etc/memcached.conf: -u memcache -m 64 -p 11211
     * -l 127.0.0.1 -c 1024 -v) with the binary changed, plus tuning flags Larder has no use for. On a
     * free port and with the console off, so that the test runs beside anything.
     */
    @Test
    void aMemcachedUnitFilesCommandLineStartsServesAndSaysWhatItIgnored() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean memcacheUser = new ProcessBuilder("id", "memcache").start().waitFor() == 0;
        String user = root && memcacheUser ? "memcache" : System.getProperty("user.name");
        try (LauncherProcess larder = LauncherProcess.start("-u", user, "-m", "64", "-p", "-1", "-l", "127.0.0.1",
                "-c", "1024", "-v", "-f", "1.25", "-o", "slab_reassign,no_lru_crawler", "--admin-port", "0");
             TextConnection client = new TextConnection(Integer.parseInt(larder.awaitLine(LISTENING).group(1)))) {
            larder.awaitLine("memcached's growth_factor = 1\\.25 is accepted and ignored");
            larder.awaitLine("memcached's slab_reassign = yes is accepted and ignored");
            larder.awaitLine("memcached's lru_crawler = no is accepted and ignored");
            larder.awaitLine("-u " + user + ": running as " + user);
            client.send("set unit 0 0 4\r\nfile\r\nget unit\r\n");
            assertThat(client.line()).isEqualTo("STORED");
            assertThat(client.line()).isEqualTo("VALUE unit 0 4");
            assertThat(client.line()).isEqualTo("file");
            assertThat(client.line()).isEqualTo("END");
            assertThat(client.stats("settings")).containsEntry("maxconns", "1024").containsEntry("verbosity", "1")
                    .containsEntry("maxbytes", String.valueOf(64L * 1024 * 1024))
                    .containsEntry("growth_factor", "1.25").containsEntry("lru_crawler", "no");
            String uid = uid(user);
            assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(larder.pid()), "status")))
                    .as("the server's process runs as -u's user").anyMatch(line -> line.startsWith("Uid:")
                            && line.split("\\s+")[1].equals(uid));
        }
    }

    private static String uid(String user) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", user).start();
        String uid = new String(id.getInputStream().readAllBytes(), US_ASCII).strip();
        id.waitFor();
        return uid;
    }

    @Test
    void theLauncherCapsDirectMemoryFromTheSettingsThatBoundIt() throws Exception {
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", "0", "-m", "10", "-c", "16",
                "-o", "max_pending_output=2m", "-I", "100m");
             TextConnection client = new TextConnection(Integer.parseInt(larder.awaitLine(LISTENING).group(1)))) {
            long megabyte = 1024 * 1024;
            // -m, its index (an eighth, at least 1 MB), the larger of max_pending_input and one -I value,
            // max_pending_output, 64 KiB a connection, 64 MB.
            long expected = 10 * megabyte + 10 * megabyte / 8 + 100 * megabyte + 2 * megabyte + 16 * 64 * 1024
                    + 64 * megabyte;
            assertThat(client.stat("direct_memory_limit")).isEqualTo(expected);
        }
    }

    @Test
    void refusesToStartWithAClearMessage() throws Exception {
        try (LauncherProcess bad = LauncherProcess.start("-m", "lots")) {
            bad.awaitLine("larder: .*'lots' is not a valid MEGABYTES");
            assertThat(bad.awaitExit()).isEqualTo(1);
        }
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             LauncherProcess clash = LauncherProcess.start("-p", String.valueOf(taken.getLocalPort()),
                     "--admin-port", "0")) {
            clash.awaitLine("larder: Cannot listen on 127\\.0\\.0\\.1:" + taken.getLocalPort());
            assertThat(clash.awaitExit()).isEqualTo(1);
            assertThat(clash.output()).doesNotContain("Exception");
        }
    }

    /** The dev.larder beans, seen the way local JConsole sees them: attach, start the local agent. */
    private static Set<String> larderMBeans(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            return mbeans.queryNames(new ObjectName("dev.larder:*"), null).stream()
                    .map(ObjectName::toString).collect(Collectors.toSet());
        } finally {
            vm.detach();
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), US_ASCII).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

}
