package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.ProtocolSettings;
import dev.larder.spi.Settings;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import dev.larder.spi.store.ItemStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Opens a {@link TextSession} for each connection. */
@Singleton
public final class TextSessionFactory implements ProtocolSessionFactory {

    private final ItemStore store;
    private final long maxItemSize;
    private final byte[] versionReply;
    private final GeneralStats stats;

    @Inject
    TextSessionFactory(ItemStore store, Settings settings, Clock clock) {
        this.store = store;
        this.maxItemSize = settings.get(ProtocolSettings.MAX_ITEM_SIZE);
        String implementation = getClass().getPackage().getImplementationVersion();
        String version = implementation == null ? "dev" : implementation;
        this.versionReply = Replies.bytes("VERSION " + version + "\r\n");
        this.stats = new GeneralStats(store, clock, version);
    }

    @Override
    public ProtocolSession open(Connection connection) {
        return new TextSession(store, maxItemSize, versionReply, stats);
    }
}
