package dev.larder.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The distribution's bin/larder run as a child process, its output collected line by line. */
final class LauncherProcess implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    /** The output stream has ended (guarded by lines). */
    private boolean outputEnded;

    private LauncherProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The unpacked distribution built by this module's package phase. */
    static Path home() {
        Path home = Path.of(System.getProperty("larder.dist", "target/larder"));
        if (!Files.isExecutable(home.resolve("bin/larder"))) {
            throw new IllegalStateException("No distribution at " + home.toAbsolutePath() + "; run mvn package first");
        }
        return home;
    }

    static LauncherProcess start(String... args) throws IOException {
        return startWithJavaOpts("-Xmx128m", args);
    }

    /** With these JVM options (JAVA_OPTS; empty for the launcher's own defaults). */
    static LauncherProcess startWithJavaOpts(String javaOpts, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/larder").toString());
        command.addAll(List.of(args));
        return start(javaOpts, command);
    }

    /** Under a file-descriptor limit, as {@code ulimit -n} sets it, with the launcher's own JVM options. */
    static LauncherProcess startWithFileLimit(int openFiles, String... args) throws IOException {
        StringBuilder script = new StringBuilder("ulimit -n " + openFiles + " && exec \"$0\"");
        for (int i = 0; i < args.length; i++) {
            script.append(" \"$").append(i + 1).append('"');
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c", script.toString(),
                home().resolve("bin/larder").toString()));
        command.addAll(List.of(args));
        return start("", command);
    }

    private static LauncherProcess start(String javaOpts, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", javaOpts);
        return new LauncherProcess(builder.start());
    }

    private void collect() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // The process ended.
        } finally {
            synchronized (lines) {
                outputEnded = true;
                lines.notifyAll();
            }
        }
    }

    /** Waits for an output line matching {@code regex}; returns its match. */
    Matcher awaitLine(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        Instant deadline = Instant.now().plus(DEADLINE);
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    Matcher m = pattern.matcher(lines.get(seen));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || (outputEnded && seen == lines.size())) {
                    throw new AssertionError("No line matching '" + regex + "' in:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 100));
            }
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit code. */
    int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output, losing the last lines.
        process.toHandle().destroy();
        return awaitExit();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The launcher did not stop in time:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
