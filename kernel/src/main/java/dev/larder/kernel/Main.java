package dev.larder.kernel;

import dev.larder.kernel.boot.Kernel;
import dev.larder.kernel.logging.DefaultLogging;
import dev.larder.spi.StartupException;
import dev.larder.kernel.plugin.DiscoveredPlugin;
import dev.larder.kernel.plugin.PluginLoader;
import dev.larder.kernel.settings.CommandLineFlags;
import dev.larder.spi.KernelSettings;
import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The launcher's entry point: finds the plugins, reads the command line and the
 * settings file, starts the kernel, and stops it on SIGTERM or Ctrl-C.
 *
 * <p>The installation folder comes from the system property {@value #HOME_PROPERTY},
 * set by {@code bin/larder}; plugins are read from its {@code plugins/} folder and
 * from the class path.
 */
public final class Main {

    public static final String HOME_PROPERTY = "larder.home";

    private static final int EXIT_USAGE = 64;
    private static final int EXIT_STARTUP_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) {
        String home = System.getProperty(HOME_PROPERTY);
        int exit = run(args, home == null ? null : Path.of(home));
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the server until it is stopped; returns the process's exit code. */
    static int run(String[] args, Path home) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        String version = version();
        try {
            List<DiscoveredPlugin> plugins = discover(home);
            List<Setting<?>> declared = new ArrayList<>(KernelSettings.ALL);
            plugins.forEach(p -> declared.addAll(p.plugin().settings()));
            CommandLineFlags flags = new CommandLineFlags(declared, version);
            CommandLineFlags.Parsed parsed;
            try {
                parsed = flags.parse(args);
            } catch (CommandLine.ParameterException e) {
                err.println("larder: " + e.getMessage());
                err.println("Try 'larder --help' for the options and settings.");
                return EXIT_USAGE;
            }
            if (parsed.helpRequested()) {
                flags.printUsage(out);
                return 0;
            }
            if (parsed.versionRequested()) {
                out.println(flags.version());
                return 0;
            }
            if (parsed.licenseRequested()) {
                out.println(LICENSE);
                return 0;
            }
            Path confFile = parsed.confFile() != null ? parsed.confFile()
                    : home == null ? null : home.resolve("conf").resolve("larder.properties");
            Properties fileSettings = readSettingsFile(confFile, parsed.confFile() != null);
            Settings settings = new SettingsResolver(declared)
                    .resolve(fileSettings, String.valueOf(confFile), parsed.settingValues(), parsed.ignored());
            DefaultLogging.verbosity(settings.get(KernelSettings.VERBOSITY));
            Logger log = LoggerFactory.getLogger(Main.class);
            if (!DefaultLogging.logTo(settings.get(KernelSettings.LOG_FILE))) {
                log.error("Cannot write the log file {}; logging to standard output", settings.get(KernelSettings.LOG_FILE));
            }
            settings.ignored().forEach((name, value) -> log.info("memcached's {} = {} is accepted and ignored ({})",
                    name, value, CommandLineFlags.whyIgnored(name)));
            checkUser(settings.get(KernelSettings.USER), log);

            Kernel kernel = Kernel.create(plugins, settings, version);
            // Ready to stop gracefully before anything starts: a SIGTERM while the memory file loads saves it.
            Thread hook = new Thread(kernel::stop, "larder-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stopGracefullyOnUsr1(log);
            try {
                kernel.start();
                PidFile.write(settings.get(KernelSettings.PID_FILE));
            } catch (StartupException e) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDownAlready) {
                    // The hook runs anyway; stopping what was started is what it does.
                }
                throw e;
            }
            kernel.awaitStop();
            return 0;
        } catch (StartupException e) {
            LoggerFactory.getLogger(Main.class).debug("Start-up failed", e);
            err.println("larder: " + e.getMessage());
            return EXIT_STARTUP_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static final String LICENSE = "Larder is free software under the Apache License, Version 2.0.\n"
            + "It speaks memcached's protocols; memcached is Copyright (c) 2003, Danga Interactive, Inc.,\n"
            + "under the BSD 3-clause licence. Netty, Guice, Undertow, picocli, Jackson, SLF4J and Logback are\n"
            + "under the Apache License 2.0 (Logback also the EPL 1.0), HdrHistogram in the public domain.";

    /** SIGUSR1 stops the server gracefully (saving the memory file), as it stops memcached. */
    private static void stopGracefullyOnUsr1(Logger log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("USR1"), signal -> {
                log.info("SIGUSR1: stopping gracefully");
                new Thread(() -> System.exit(0), "larder-usr1").start(); // the shutdown hook stops the kernel
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.info("SIGUSR1 cannot stop the server here: {}", e.getMessage());
        }
    }

    /**
     * memcached's -u: bin/larder switches to the user when started as root, so
     * here the server runs as that user already; anywhere else it is ignored,
     * as memcached ignores it when not started as root.
     */
    private static void checkUser(String wanted, Logger log) {
        String running = System.getProperty("user.name");
        if (wanted.isEmpty()) {
            return;
        }
        if (wanted.equals(running)) {
            log.info("-u {}: running as {}", wanted, running);
        } else {
            log.warn("-u {}: running as {}; only bin/larder started as root can switch user", wanted, running);
        }
    }

    private static List<DiscoveredPlugin> discover(Path home) {
        PluginLoader loader = new PluginLoader(Main.class.getClassLoader());
        List<DiscoveredPlugin> plugins = new ArrayList<>(loader.fromClassPath());
        if (home != null) {
            plugins.addAll(loader.fromDirectory(home.resolve("plugins")));
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        plugins.forEach(p -> log.debug("Found plugin {} ({}) in {}", p.plugin().name(),
                p.plugin().slot().label(), p.source()));
        return plugins;
    }

    private static Properties readSettingsFile(Path file, boolean mustExist) {
        Properties properties = new Properties();
        if (file == null || !Files.exists(file)) {
            if (mustExist) {
                throw new StartupException("The settings file " + file + " does not exist");
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("Cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
