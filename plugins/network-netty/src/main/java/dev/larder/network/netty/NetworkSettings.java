package dev.larder.network.netty;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the network plugin; flags as memcached's. */
final class NetworkSettings {

    static final Setting<Integer> PORT = Setting.integer("port", 11211)
            .description("TCP port for memcached clients; 0 picks a free one (memcached's -p)")
            .flags("-p", "--port")
            .paramLabel("PORT")
            .range(0, 65535)
            .build();

    static final Setting<String> LISTEN = Setting.string("listen", "127.0.0.1")
            .description("Addresses to listen on, separated by commas (memcached's -l)")
            .flags("-l", "--listen")
            .paramLabel("ADDR")
            .build();

    static final Setting<Integer> THREADS = Setting.integer("threads", Runtime.getRuntime().availableProcessors())
            .description("Event-loop threads serving connections (memcached's -t)")
            .flags("-t", "--threads")
            .paramLabel("THREADS")
            .range(1, 1024)
            .build();

    static final Setting<Integer> BACKLOG = Setting.integer("backlog", 1024)
            .description("Length of the queue of connections waiting to be accepted (memcached's -b)")
            .flags("-b", "--listen-backlog")
            .range(1, 65535)
            .build();

    static final List<Setting<?>> ALL = List.of(PORT, LISTEN, THREADS, BACKLOG);

    private NetworkSettings() {
    }
}
