package dev.larder.kernel.testing;

import dev.larder.kernel.boot.Kernel;
import dev.larder.kernel.plugin.DiscoveredPlugin;
import dev.larder.kernel.plugin.PluginLoader;
import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.spi.KernelSettings;
import dev.larder.spi.Setting;
import dev.larder.spi.StartupException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

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
        var resolved = new SettingsResolver(declared).resolve(new Properties(), "(none)",
                withTestTransport(settings, declared));
        try {
            return new TestServer(Kernel.start(plugins, resolved, "test"));
        } catch (StartupException e) {
            // Where the kernel refuses the transport these tests were asked to run over, they are skipped, saying why.
            Assumptions.assumeFalse(System.getProperty(TRANSPORT_PROPERTY) != null
                    && String.valueOf(e.getMessage()).contains("is not available"), e::getMessage);
            throw e;
        }
    }

    /**
     * The transport the build runs these tests over ({@code -Dlarder.test.transport}, set by a surefire
     * execution per transport), unless the test names one itself or no plugin declares the setting.
     */
    private static Map<String, String> withTestTransport(Map<String, String> settings, List<Setting<?>> declared) {
        String transport = System.getProperty(TRANSPORT_PROPERTY);
        if (transport == null || settings.containsKey("transport")
                || declared.stream().noneMatch(s -> s.name().equals("transport"))) {
            return settings;
        }
        Map<String, String> withTransport = new HashMap<>(settings);
        withTransport.put("transport", transport);
        return withTransport;
    }

    /** The system property naming the transport the tests run over. */
    public static final String TRANSPORT_PROPERTY = "larder.test.transport";

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
