package dev.larder.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** libmemcached's conformance suite (memccapable), every ascii and binary test, against the launched distribution. */
class MemcapableIT {

    private static final Path MEMCAPABLE = Path.of("/usr/bin/memccapable");

    @Test
    void passesEveryAsciiAndBinaryTest() throws Exception {
        assumeTrue(Files.isExecutable(MEMCAPABLE), "memccapable is not installed (Debian package libmemcached-tools);"
                + " .ci/run installs it");
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", "0")) {
            String port = larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1);
            Process run = new ProcessBuilder(MEMCAPABLE.toString(), "-h", "127.0.0.1", "-p", port, "-t", "10")
                    .redirectErrorStream(true).start();
            String report = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(report).as(report).contains("All tests passed").doesNotContain("[FAIL]");
            assertThat(report.lines().filter(line -> line.contains("[pass]")).count()).as(report).isEqualTo(54);
            assertThat(run.exitValue()).isZero();
            larder.terminate();
        }
    }
}
