package dev.larder.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pymemcache (Debian's python3-pymemcache, text protocol: it has no meta commands) against the distribution. */
class PymemcacheIT {

    /** Debian's own Python, which sees Debian's python3-pymemcache (a pyenv one on PATH would not). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void pymemcacheWorksUnchanged(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import pymemcache").exitValue() == 0,
                "python3-pymemcache is not installed; .ci/run installs it");
        Path script = dir.resolve("pymemcache_client.py");
        try (InputStream source = getClass().getResourceAsStream("/pymemcache_client.py")) {
            Files.copy(source, script);
        }
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", "0")) {
            String port = larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1);
            Process client = run(PYTHON.toString(), script.toString(), port);
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(client.exitValue()).as(output).isZero();
            assertThat(output.strip()).isEqualTo("ok");
            larder.terminate();
        }
    }

    private static Process run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return process;
    }
}
