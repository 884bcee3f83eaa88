package dev.larder.kernel.testing;

import dev.larder.kernel.boot.Kernel;
import dev.larder.kernel.plugin.DiscoveredPlugin;
import dev.larder.kernel.plugin.PluginLoader;
import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.spi.KernelSettings;
import dev.larder.spi.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starts a whole server in the test's JVM from the plugins on the class path,
 * with settings given by name as on the command line. For plugin tests.
 */
public final class TestServer implements AutoCloseable {

    private final Kernel kernel;

    private TestServer(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Starts with the class path's plugins; {@code settings} as {@code -o name=value} would give them. */
    public static TestServer start(Map<String, String> settings) {
        List<DiscoveredPlugin> plugins = new PluginLoader(TestServer.class.getClassLoader()).fromClassPath();
        return start(plugins, settings);
    }

    public static TestServer start(List<DiscoveredPlugin> plugins, Map<String, String> settings) {
        List<Setting<?>> declared = new ArrayList<>(KernelSettings.ALL);
        plugins.forEach(p -> declared.addAll(p.plugin().settings()));
        var resolved = new SettingsResolver(declared).resolve(new Properties(), "(none)", settings);
        return new TestServer(Kernel.start(plugins, resolved, "test"));
    }

    public Kernel kernel() {
        return kernel;
    }

    public <T> T instance(Class<T> type) {
        return kernel.instance(type);
    }

    @Override
    public void close() {
        kernel.stop();
    }
}
