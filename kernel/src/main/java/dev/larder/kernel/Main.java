package dev.larder.kernel;

import dev.larder.kernel.boot.Kernel;
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
            Path confFile = parsed.confFile() != null ? parsed.confFile()
                    : home == null ? null : home.resolve("conf").resolve("larder.properties");
            Properties fileSettings = readSettingsFile(confFile, parsed.confFile() != null);
            Settings settings = new SettingsResolver(declared)
                    .resolve(fileSettings, String.valueOf(confFile), parsed.settingValues());

            Kernel kernel = Kernel.create(plugins, settings, version);
            // Ready to stop gracefully before anything starts: a SIGTERM while the memory file loads saves it.
            Thread hook = new Thread(kernel::stop, "larder-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                kernel.start();
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
