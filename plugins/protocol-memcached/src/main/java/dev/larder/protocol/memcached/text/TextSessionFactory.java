package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.ProtocolSettings;
import dev.larder.spi.Settings;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSessionFactory;
import dev.larder.spi.store.ItemStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Opens a {@link TextSession} for each connection. */
@Singleton
public final class TextSessionFactory implements ProtocolSessionFactory {

    private final ItemStore store;
    private final long maxItemSize;
    private final byte[] versionReply;

    @Inject
    TextSessionFactory(ItemStore store, Settings settings) {
        this.store = store;
        this.maxItemSize = settings.get(ProtocolSettings.MAX_ITEM_SIZE);
        String version = getClass().getPackage().getImplementationVersion();
        this.versionReply = Replies.bytes("VERSION " + (version == null ? "dev" : version) + "\r\n");
    }

    @Override
    public ProtocolSession open(Connection connection) {
        return new TextSession(store, maxItemSize, versionReply);
    }
}
