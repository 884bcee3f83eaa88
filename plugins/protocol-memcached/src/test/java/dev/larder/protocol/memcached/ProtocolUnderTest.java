package dev.larder.protocol.memcached;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.spi.ServerControl;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.ProtocolSessionFactory;
import dev.larder.spi.net.TlsMXBean;
import dev.larder.spi.store.ItemStore;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The protocol plugin wired as the kernel wires it, over a given store, for tests. */
public final class ProtocolUnderTest {

    /** The network's idle timer, which the statistics report when it is set. */
    private static final Setting<Integer> IDLE_TIMEOUT = Setting.integer("idle_timeout", 0).description("idle").build();

    private ProtocolUnderTest() {
    }

    /** The plugin's sessions over {@code store}, with these settings by name (the rest at their defaults). */
    public static ProtocolSessionFactory over(ItemStore store, Map<String, String> settings) {
        return over(store, settings, NetworkStatistics.NONE, null, () -> { });
    }

    /** As {@link #over(ItemStore, Map)}, beside this network, TLS (null for none) and server control. */
    public static ProtocolSessionFactory over(ItemStore store, Map<String, String> settings, NetworkStatistics network,
                                              TlsMXBean tls, ServerControl control) {
        Settings resolved = new SettingsResolver(Stream.concat(ProtocolSettings.ALL.stream(), Stream.of(IDLE_TIMEOUT)).toList())
                .resolve(new Properties(), "-", settings);
        return Guice.createInjector(new MemcachedProtocolPlugin().module(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(ItemStore.class).toInstance(store);
                bind(Settings.class).toInstance(resolved);
                bind(Clock.class).toInstance(Clock.systemUTC());
                bind(ServerControl.class).toInstance(control);
                bind(NetworkStatistics.class).toInstance(network);
                if (tls != null) {
                    bind(TlsMXBean.class).toInstance(tls);
                }
            }
        }).getInstance(ProtocolSessionFactory.class);
    }
}
