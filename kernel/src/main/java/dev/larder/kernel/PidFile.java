package dev.larder.kernel;

import dev.larder.spi.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * memcached's -P: the server's process id in a file, written once the server
 * is up (bin/larder -d waits for it) and removed when the process exits.
 */
final class PidFile {

    private PidFile() {
    }

    static void write(String file) {
        if (file.isEmpty()) {
            return;
        }
        Path path = Path.of(file);
        try {
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StartupException("Cannot write the pid file " + path + ": " + e.getMessage(), e);
        }
        path.toFile().deleteOnExit();
    }
}
