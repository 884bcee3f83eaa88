package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.ProtocolSettings;
import dev.larder.protocol.memcached.auth.Authenticator;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.ServerControl;
import dev.larder.spi.Settings;
import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.TlsMXBean;
import dev.larder.spi.store.ItemStore;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Opens a {@link TextSession} for each connection. */
@Singleton
public final class TextSessionFactory {

    private final ItemStore store;
    private final StorageCommand.Factory storage;
    private final ServerCommands server;
    private final KeyCommands keys;
    private final Authenticator authenticator;
    /**
     * One per event-loop thread, shared by its connections: its lists are
     * scratch for the one request being served, so an idle connection holds none.
     */
    private final ThreadLocal<RetrievalCommand> retrievals;

    @Inject
    TextSessionFactory(ItemStore store, Settings settings, GeneralStats stats, ServerControl control,
                       Authenticator authenticator, Optional<TlsMXBean> tls) {
        this.authenticator = authenticator;
        this.store = store;
        this.storage = new StorageCommand.Factory(store, settings.get(ProtocolSettings.MAX_ITEM_SIZE), stats.counters());
        this.keys = new KeyCommands(store, stats.counters());
        this.retrievals = ThreadLocal.withInitial(() -> new RetrievalCommand(store, stats.counters()));
        this.server = new ServerCommands(store, Replies.bytes("VERSION " + stats.version() + "\r\n"), stats,
                control, settings.get(ProtocolSettings.ENABLE_SHUTDOWN), tls,
                settings.get(ProtocolSettings.FLUSH_ENABLED), settings.get(ProtocolSettings.DUMP_ENABLED));
    }

    public ProtocolSession open(Connection connection) {
        return new TextSession(storage, retrievals.get(), keys, server, authenticator);
    }
}
