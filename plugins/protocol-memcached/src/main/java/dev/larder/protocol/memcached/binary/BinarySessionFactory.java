package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.ProtocolSettings;
import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.Settings;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.ItemStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/** Opens a {@link BinarySession} for a connection that speaks the binary protocol. */
@Singleton
public final class BinarySessionFactory {

    private final ItemStore store;
    private final long maxItemSize;
    private final GeneralStats stats;
    private final byte[] version;
    private final Authenticator authenticator;
    private final boolean flushEnabled;

    @Inject
    BinarySessionFactory(ItemStore store, Settings settings, GeneralStats stats, Authenticator authenticator) {
        this.authenticator = authenticator;
        this.store = store;
        this.maxItemSize = settings.get(ProtocolSettings.MAX_ITEM_SIZE);
        this.stats = stats;
        this.version = stats.version().getBytes(StandardCharsets.US_ASCII);
        this.flushEnabled = settings.get(ProtocolSettings.FLUSH_ENABLED);
    }

    public ProtocolSession open(Connection connection) {
        return new BinarySession(store, maxItemSize, version, stats, authenticator, flushEnabled);
    }
}
