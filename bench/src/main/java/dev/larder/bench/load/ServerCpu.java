package dev.larder.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server process's CPU time from {@code /proc/PID/stat} (user plus system,
 * all its threads), so that a run can say what each request cost the server
 * whatever the client managed.
 */
final class ServerCpu {

    /** Linux reports these times in USER_HZ, 100 a second on every architecture the JVM runs on. */
    private static final long MICROS_PER_TICK = 10_000;

    private ServerCpu() {
    }

    static long micros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // The command name in parentheses may hold blanks: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MICROS_PER_TICK;
    }
}
