package dev.larder.protocol.memcached;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.protocol.memcached.stats.DetailStats;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.ManagedBean;
import dev.larder.spi.protocol.ProtocolMXBean;
import dev.larder.spi.Plugin;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.ProtocolSessionFactory;
import dev.larder.spi.net.TlsMXBean;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Optional;
import dev.larder.spi.store.ItemStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The protocol plugin: memcached's protocols, served against the item store. */
public final class MemcachedProtocolPlugin implements Plugin {

    /**
     * The memcached release whose protocol this plugin speaks. Clients read the
     * version to decide what a server supports (memcached 1.6 answers "version
     * foo" with its version, older ones with an error; meta commands need 1.6),
     * so it comes first in the version Larder reports.
     */
    static final String MEMCACHED_PROTOCOL_LEVEL = "1.6.21";

    /** What {@code version} and {@code stats} report: for example {@code 1.6.21-larder-0.1.0}. */
    static String reportedVersion() {
        String own = MemcachedProtocolPlugin.class.getPackage().getImplementationVersion();
        return MEMCACHED_PROTOCOL_LEVEL + "-larder-" + (own == null ? "dev" : own);
    }

    @Override
    public String name() {
        return "protocol-memcached";
    }

    @Override
    public Slot slot() {
        return Slot.PROTOCOL;
    }

    @Override
    public List<Setting<?>> settings() {
        return ProtocolSettings.ALL;
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(ProtocolSessionFactory.class).to(ProtocolDetection.class);
                // Bound by the network plugin; optional so the protocol can run over any network.
                OptionalBinder.newOptionalBinder(binder(), NetworkStatistics.class);
                OptionalBinder.newOptionalBinder(binder(), TlsMXBean.class);
            }

            @Provides
            @Singleton
            GeneralStats generalStats(ItemStore store, CommandCounters counters, Settings settings, Clock clock,
                                      Optional<NetworkStatistics> network) {
                return new GeneralStats(store, counters, network.orElse(NetworkStatistics.NONE), settings, clock,
                        reportedVersion());
            }

            @Provides
            @Singleton
            Authenticator authenticator(Settings settings) {
                String file = settings.get(ProtocolSettings.AUTH_FILE);
                return file.isEmpty() ? Authenticator.off() : Authenticator.fromFile(Path.of(file));
            }

            @Provides
            @Singleton
            CommandCounters counters(Settings settings) {
                // memcached's -D: giving the delimiter switches per-prefix statistics on.
                boolean given = settings.all().stream().anyMatch(v -> v.setting() == ProtocolSettings.STAT_KEY_PREFIX
                        && v.origin() != Settings.Origin.DEFAULT);
                String delimiter = settings.get(ProtocolSettings.STAT_KEY_PREFIX);
                return new CommandCounters(new DetailStats(delimiter.isEmpty() ? ':' : delimiter.charAt(0), given));
            }

            @ProvidesIntoSet
            ManagedBean protocolBean(CommandCounters counters) {
                return ManagedBean.of(ProtocolMXBean.PROPERTIES, counters);
            }
        };
    }
}
