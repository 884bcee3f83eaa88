package dev.larder.kernel.plugin;

import dev.larder.spi.StartupException;
import dev.larder.spi.Plugin;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plugins in two places with one mechanism ({@link ServiceLoader}): on the
 * kernel's own class path (tests, the IDE) and in the folders under a plugins
 * directory, each folder loaded by its own {@link PluginClassLoader}.
 */
public final class PluginLoader {

    private final ClassLoader kernelLoader;

    public PluginLoader(ClassLoader kernelLoader) {
        this.kernelLoader = kernelLoader;
    }

    /** Plugins visible on the kernel's class path. */
    public List<DiscoveredPlugin> fromClassPath() {
        List<DiscoveredPlugin> found = new ArrayList<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class, kernelLoader)) {
            found.add(new DiscoveredPlugin(plugin, "classpath"));
        }
        return found;
    }

    /** Plugins in the sub-folders of {@code pluginsDir}, one class loader per folder. */
    public List<DiscoveredPlugin> fromDirectory(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            return List.of();
        }
        List<DiscoveredPlugin> found = new ArrayList<>();
        try (Stream<Path> folders = Files.list(pluginsDir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                found.addAll(fromFolder(folder));
            }
        } catch (IOException e) {
            throw new StartupException("Cannot list plugins in " + pluginsDir + ": " + e.getMessage(), e);
        }
        return found;
    }

    private List<DiscoveredPlugin> fromFolder(Path folder) throws IOException {
        URL[] jars = jarsIn(folder);
        if (jars.length == 0) {
            return List.of();
        }
        PluginClassLoader loader = new PluginClassLoader(folder.getFileName().toString(), jars, kernelLoader);
        List<DiscoveredPlugin> found = ServiceLoader.load(Plugin.class, loader).stream()
                // The loader also sees the kernel's class path; keep only the folder's own plugins.
                .filter(provider -> provider.type().getClassLoader() == loader)
                .map(provider -> new DiscoveredPlugin(provider.get(), folder.toString()))
                .toList();
        if (found.isEmpty()) {
            throw new StartupException("The folder " + folder + " holds jars but no plugin"
                    + " (no META-INF/services/" + Plugin.class.getName() + ")");
        }
        return found;
    }

    private static URL[] jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = toUrl(jars.get(i));
            }
            return urls;
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new StartupException("Bad plugin jar path " + jar, e);
        }
    }
}
