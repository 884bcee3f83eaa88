package dev.larder.protocol.memcached.stats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's CPU time in user and system mode, as memcached's rusage_user and rusage_system give it. */
record ProcessTimes(String user, String system) {

    /** Clock ticks a second, as Linux counts /proc/self/stat's times (sysconf(_SC_CLK_TCK), 100 everywhere). */
    private static final int TICKS_PER_SECOND = 100;

    static ProcessTimes now() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command's closing parenthesis: state is the 3rd, utime the 14th, stime the 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessTimes(seconds(Long.parseLong(fields[11]) * 1_000_000L / TICKS_PER_SECOND),
                    seconds(Long.parseLong(fields[12]) * 1_000_000L / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException notLinux) {
            long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new ProcessTimes(seconds(cpuNanos / 1000), seconds(0));
        }
    }

    /** memcached's "%ld.%06ld". */
    private static String seconds(long micros) {
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
