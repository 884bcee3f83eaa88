package dev.larder.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of a JVM server process, read with jcmd from the JDK running the benchmark. */
public final class JvmMemory {

    private JvmMemory() {
    }

    /** Bytes of live heap after a full GC. */
    public static long liveHeap(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        run(jcmd.toString(), String.valueOf(pid), "GC.run");
        String info = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
        // One "used NK" per generation (serial, parallel) or one for the whole heap (G1): add them up.
        Matcher used = Pattern.compile("^\\s*\\S.*?total \\d+K, used (\\d+)K", Pattern.MULTILINE).matcher(info);
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IOException("Cannot read the heap from: " + info);
        }
        return kilobytes * 1024;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }
}
