package dev.larder.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * memcached 1.6.18's own test suite, run against the distribution by its own
 * harness: the suite's {@code memcached-debug} execs {@code bin/larder} with
 * each test's memcached flags unchanged. Every in-scope file must pass, plain
 * and over TLS ({@code SSL_TEST=1}); the files are run a few at a time.
 *
 * <p>In scope is every file memcached itself passes here, but for memcached's
 * internals (extstore, slab reassignment, the LRU crawler and maintainer,
 * watchers) and the files in {@link #OUT_OF_SCOPE}, each with its reason.
 */
class MemcachedSuiteIT {

    static final List<String> IN_SCOPE = List.of("00-startup", "64bit", "ascii-auth", "binary-get", "binary",
            "bogus-commands", "cas", "chunked-items", "daemonize", "dash-M", "evictions", "flags", "flush-all",
            "getandtouch", "getset", "idle-timeout", "incrdecr", "issue_104", "issue_108", "issue_14", "issue_152",
            "issue_183", "issue_192", "issue_29", "issue_3", "issue_41", "issue_42", "issue_50", "issue_61",
            "issue_67", "issue_68", "issue_70", "item_size_max", "lru", "malicious-commands", "maxconns", "metaget",
            "multiversioning", "noreply", "quit", "shutdown", "stats-conns", "stats-detail", "stats",
            "strtol-testing", "touch", "udp", "unixsocket");

    /** Files that run only over TLS (they skip themselves otherwise). */
    static final List<String> TLS_ONLY = List.of("ssl_cert_refresh", "ssl_ports", "ssl_proto_version",
            "ssl_session_resumption", "ssl_settings", "ssl_verify_modes");

    /** Files memcached passes that are left out, and why. */
    static final Map<String, String> OUT_OF_SCOPE = Map.of(
            "conn-limits", "memcached's per-thread response-object and read-buffer pools (-o read_buf_mem_limit):"
                    + " Larder bounds a connection's input and output with max_pending_input/max_pending_output"
                    + " and stops reading an over-budget client instead of answering SERVER_ERROR",
            "dyn-maxbytes", "expects forty 65 KB values to overflow -m 3, as they do in memcached's slab chunks;"
                    + " Larder holds all forty (2.6 MB) in 3 MB, so nothing is evicted and no page is added",
            "issue_22", "expects forty 65 KB values to overflow -m 3 (see dyn-maxbytes), and reads them under"
                    + " memcached's slab class number 31",
            "issue_163", "reads per-class figures under memcached's slab class number 31; Larder's finer classes"
                    + " (growth 1.08) put 65 KB items in another class",
            "restart", "memcached's own .meta file beside the memory file, its hash table size kept across a"
                    + " restart, and the watch command; Larder's warm restart (-e) keeps every item, as the rest"
                    + " of the file checks");

    /** Files run at once: the suite mostly waits on servers starting and on its own sleeps. */
    private static final int PARALLEL = 3;
    /** Files run alone, before the others: issue_67 gives each server two seconds to write its port file. */
    private static final List<String> ALONE = List.of("issue_67");
    private static final long FILE_TIMEOUT_SECONDS = 180;

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> plain() throws Exception {
        return run("plain", IN_SCOPE, false);
    }

    @TestFactory
    Stream<DynamicTest> overTls() throws Exception {
        List<String> files = new ArrayList<>(IN_SCOPE);
        files.addAll(TLS_ONLY);
        return run("tls", files, true);
    }

    private static Stream<DynamicTest> run(String mode, List<String> files, boolean tls) throws Exception {
        Path scratch = scratch(mode);
        Map<String, String> results = new LinkedHashMap<>();
        for (String file : files) {
            if (ALONE.contains(file)) {
                results.put(file, proveAgainIfPortTaken(scratch, file, tls));
            }
        }
        Map<String, Future<String>> outputs = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (String file : files) {
                if (!ALONE.contains(file)) {
                    outputs.put(file, pool.submit(() -> proveAgainIfPortTaken(scratch, file, tls)));
                }
            }
            for (Map.Entry<String, Future<String>> entry : outputs.entrySet()) {
                results.put(entry.getKey(), entry.getValue().get());
            }
            return results.entrySet().stream().map(result -> DynamicTest.dynamicTest(mode + " " + result.getKey(),
                    () -> assertThat(passed(result.getValue())).as("t/%s.t (%s):%n%s", result.getKey(), mode,
                            failures(result.getValue())).isTrue()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean passed(String output) {
        return output.contains("Result: PASS") && !output.contains("skipped:");
    }

    /**
     * What prove said went wrong, and what a server that did not start said on its way out
     * ({@code larder: ...}), each line cut short (some tests print megabytes of value).
     */
    private static String failures(String output) {
        StringBuilder lines = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.matches("(not ok|#\\s+Failed|Failed|Result|Bailout|.*skipped:|timed out|.* at t/|.*Dubious"
                    + "|.*Parse errors|.*Non-zero exit|.*[Dd]ied|.*[Cc]ouldn't|.*[Cc]an't|.*[Ff]ailed to"
                    + "|larder: |.*Cannot |.*Exception|.*Error occurred|.*insufficient memory).*")) {
                lines.append(line, 0, Math.min(line.length(), 200)).append('\n');
            }
        }
        return lines.toString();
    }

    /** The suite's files beside a memcached-debug that is the distribution's launcher, as the suite's run script sets it up. */
    private static Path scratch(String mode) throws IOException {
        Path suite = Path.of(System.getProperty("memcached.suite", "../../shared/memcached-suite")).toAbsolutePath();
        if (!Files.isDirectory(suite.resolve("t"))) {
            throw new IllegalStateException("memcached's test suite is not at " + suite + " (set -Dmemcached.suite)");
        }
        Path scratch = Files.createDirectories(work.resolve(mode));
        copyTree(suite.resolve("t"), scratch.resolve("t"));
        Path launcher = LauncherProcess.home().resolve("bin/larder").toAbsolutePath();
        // The suite's timedrun bounds a server's life, as memcached's does: a server left behind by a
        // failed file would otherwise hold prove's output open until the file's deadline.
        executable(scratch.resolve("timedrun"), "#!/bin/sh\nlimit=$1\nshift\nexec timeout -k 2 \"$limit\" \"$@\"\n");
        // The suite starts some 300 servers, each for a few requests: one C1 compiler thread compiles
        // what they run with 40% less CPU per start than the launcher's C2 (1.1 s against 1.9 s), and
        // the test's flags reach the launcher unchanged.
        executable(scratch.resolve("memcached-debug"), "#!/bin/sh\nJAVA_OPTS=\"-XX:+TieredCompilation"
                + " -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 $JAVA_OPTS\" exec \"" + launcher
                + "\" --admin-port 0 \"$@\"\n");
        return scratch;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The suite's harness picks a free port at random and the server binds it a
     * second later (a JVM's start); in between a client connection elsewhere
     * can take it as its own port, and the server then cannot listen. That is
     * the harness's race, not the server's, so such a file is run once more.
     */
    private static String proveAgainIfPortTaken(Path scratch, String file, boolean tls)
            throws IOException, InterruptedException {
        String output = prove(scratch, file, tls);
        if (!passed(output) && output.contains("Address already in use")) {
            System.out.printf("memcached suite: t/%s.t%s again, its port was taken before the server bound it:%n%s",
                    file, tls ? " over TLS" : "", failures(output));
            return prove(scratch, file, tls);
        }
        return output;
    }

    /**
     * One file through prove, in a session of its own so that whatever servers
     * it leaves behind (after a timeout, say) are stopped with it.
     */
    private static String prove(Path scratch, String file, boolean tls) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, file, tls ? ".tls.log" : ".log");
        ProcessBuilder builder = new ProcessBuilder("setsid", "prove", "t/" + file + ".t")
                .directory(scratch.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        if (tls) {
            builder.environment().put("SSL_TEST", "1");
        } else {
            builder.environment().remove("SSL_TEST");
        }
        long started = System.nanoTime();
        Process prove = builder.start();
        boolean finished = prove.waitFor(FILE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        System.out.printf("memcached suite: t/%s.t%s in %.1f s%n", file, tls ? " over TLS" : "",
                (System.nanoTime() - started) / 1e9);
        new ProcessBuilder("pkill", "-KILL", "-s", String.valueOf(prove.pid())).start().waitFor();
        prove.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        return finished ? output : output + "\ntimed out after " + FILE_TIMEOUT_SECONDS + " s";
    }
}
