package dev.larder.bench.load;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BulkLoadCommandTest {

    @Test
    void eachLoadIsOneConnectionAndTheFiguresAreForTheCountedOnes() throws Exception {
        List<Integer> setsPerConnection = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            standIn(server, setsPerConnection);

            JsonNode report = run("-p", String.valueOf(server.getLocalPort()), "-X", "100", "-b", "10000",
                    "--warm-up", "2", "--loads", "3", "--server-pid", String.valueOf(ProcessHandle.current().pid()), "--json");

            assertThat(setsPerConnection).containsExactly(100, 100, 100, 100, 100);
            assertThat(report.get("requests").asLong()).isEqualTo(300);
            assertThat(report.get("requestsPerSecond").asDouble()).isPositive();
            assertThat(report.get("serverCpuMicrosPerRequest").asDouble()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void withoutAServerPidTheCpuFigureIsLeftOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            standIn(server, new CopyOnWriteArrayList<>());

            JsonNode report = run("-p", String.valueOf(server.getLocalPort()), "-X", "10", "-b", "100", "--json");

            assertThat(report.get("requests").asLong()).isEqualTo(10);
            assertThat(report.get("serverCpuMicrosPerRequest").asDouble()).isEqualTo(-1);
        }
    }

    private static JsonNode run(String... args) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, US_ASCII));
        try {
            assertThat(new CommandLine(new BulkLoadCommand()).execute(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return new ObjectMapper().readTree(printed.toString(US_ASCII));
    }

    private static void standIn(ServerSocket server, List<Integer> setsPerConnection) {
        Thread acceptor = new Thread(() -> countSets(server, setsPerConnection));
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A stand-in server: counts a connection's set lines, skips their values, answers its version. */
    private static void countSets(ServerSocket server, List<Integer> setsPerConnection) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), US_ASCII));
                int sets = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("set ")) {
                        sets++;
                        in.readLine(); // the value
                    } else if (line.equals("version")) {
                        setsPerConnection.add(sets); // before the reply, which lets the client go on
                        connection.getOutputStream().write("VERSION 1.6.18\r\n".getBytes(US_ASCII));
                        break;
                    }
                }
            } catch (IOException closed) {
                return;
            }
        }
    }
}
