package dev.larder.network.netty;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the network plugin; flags as memcached's. */
final class NetworkSettings {

    static final Setting<Integer> PORT = Setting.integer("port", 11211)
            .description("TCP port for memcached clients; -1 picks a free one, 0 listens on none (memcached's -p)")
            .flags("-p", "--port")
            .paramLabel("PORT")
            .range(-1, 65535)
            .build();

    static final Setting<String> LISTEN = Setting.string("listen", "127.0.0.1")
            .description("Addresses to listen on, separated by commas, each optionally ADDR:PORT, and with TLS on"
                    + " (-Z) notls:ADDR[:PORT] for one without it (memcached's -l)")
            .flags("-l", "--listen")
            .paramLabel("ADDR")
            .build();

    static final Setting<Integer> UDP_PORT = Setting.integer("udp_port", 0)
            .description("UDP port for memcached's UDP protocol; 0 none, -1 a free one (memcached's -U, off by"
                    + " default as since memcached 1.5.6)")
            .flags("-U", "--udp-port")
            .paramLabel("PORT")
            .range(-1, 65535)
            .build();

    static final Setting<String> UNIX_SOCKET = Setting.string("unix_socket", "")
            .description("A Unix domain socket to listen on instead of TCP (memcached's -s); epoll or io_uring")
            .flags("-s", "--unix-socket")
            .paramLabel("FILE")
            .build();

    static final Setting<String> UNIX_MASK = Setting.string("unix_mask", "700")
            .description("Access mask of the Unix domain socket, in octal (memcached's -a)")
            .flags("-a", "--unix-mask")
            .paramLabel("MASK")
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

    static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("max_connections", 1024)
            .description("Most client connections open at once; more are told 'ERROR Too many open connections'"
                    + " and closed (memcached's -c)")
            .flags("-c", "--conn-limit")
            .paramLabel("CONNECTIONS")
            .range(1, 1_000_000)
            .build();

    static final Setting<Boolean> FAIR_SHARE = Setting.bool("fair_share", true)
            .description("A connection yields its event loop after reqs_per_event requests, a time slice or a full"
                    + " send queue, so one busy client cannot starve the others")
            .runtimeChangeable()
            .build();

    static final Setting<Integer> REQS_PER_EVENT = Setting.integer("reqs_per_event", 20)
            .description("Requests a connection serves from one read before yielding, with fair_share on"
                    + " (memcached's -R)")
            .flags("-R", "--max-reqs-per-event")
            .paramLabel("REQUESTS")
            .range(1, 1_000_000)
            .runtimeChangeable()
            .build();

    static final Setting<Integer> TIME_SLICE_MILLIS = Setting.integer("time_slice_ms", 25)
            .description("Milliseconds a connection may serve before yielding, with fair_share on")
            .range(1, 60_000)
            .build();

    static final Setting<Long> SEND_QUEUE_LIMIT = Setting.size("send_queue_limit", 1024 * 1024)
            .description("Pending output at which a connection yields, with fair_share on (bytes, or k/m)")
            .range(1024, Integer.MAX_VALUE)
            .build();

    static final Setting<Integer> IDLE_TIMEOUT = Setting.integer("idle_timeout", 0)
            .description("Seconds of silence after which a connection is closed; 0 for never"
                    + " (memcached's -o idle_timeout)")
            .paramLabel("SECONDS")
            .range(0, Integer.MAX_VALUE)
            .runtimeChangeable()
            .build();

    static final Setting<Long> WRITE_HIGH_WATER = Setting.size("write_high_water", 2 * 1024 * 1024)
            .description("Pending output at which a connection is no longer read from, until it drains below"
                    + " write_low_water (bytes, or k/m)")
            .range(1024, Integer.MAX_VALUE)
            .build();

    static final Setting<Long> WRITE_LOW_WATER = Setting.size("write_low_water", 512 * 1024)
            .description("Pending output below which a connection held back is read from again (bytes, or k/m)")
            .range(1, Integer.MAX_VALUE)
            .build();

    static final Setting<Long> MAX_PENDING_INPUT = Setting.size("max_pending_input", 64L * 1024 * 1024)
            .description("Bytes of requests still arriving (large values, long multi-get lines) that all connections"
                    + " together may hold beyond 16 KiB each; a request that does not fit is refused with"
                    + " SERVER_ERROR out of memory, except one alone (bytes, or k/m)")
            .range(1024 * 1024, Long.MAX_VALUE / 2)
            .build();

    static final Setting<Long> MAX_PENDING_OUTPUT = Setting.size("max_pending_output", 32L * 1024 * 1024)
            .description("Bytes of responses waiting for slow readers that all connections together may hold"
                    + " beyond 64 KiB each; once spent, connections holding more are not served until their"
                    + " clients read (bytes, or k/m)")
            .range(1024 * 1024, Long.MAX_VALUE / 2)
            .build();

    // Measured with memaslap on the event loop's write buffer: copying a 4 KiB value is 6% faster than
    // chaining it, chaining a 16 KiB one 12% faster than copying; 8 KiB is between the two.
    static final Setting<Long> VALUE_BY_REFERENCE_THRESHOLD = Setting.size("value_by_reference_threshold", 8192)
            .description("Values at least this large are sent from the store by reference; smaller ones are"
                    + " copied into the response (bytes, or k/m)")
            .range(1, Integer.MAX_VALUE)
            .build();

    // Measured with the generator and memaslap sharing the cores with the server (bench/README).
    static final Setting<Integer> IO_YIELD_MICROS = Setting.integer("io_yield_us", 200)
            .description("Microseconds after which an event loop that keeps finding work gives up its core to"
                    + " whatever else waits for it, at the end of a round; 0 for never")
            .paramLabel("MICROSECONDS")
            .range(0, 1_000_000)
            .build();

    static final Setting<String> TRANSPORT = Setting.string("transport", "auto")
            .description("auto (io_uring where the kernel allows it, else epoll, else NIO), io_uring, epoll or nio")
            .build();

    static final List<Setting<?>> ALL = List.of(PORT, LISTEN, UDP_PORT, UNIX_SOCKET, UNIX_MASK, THREADS, BACKLOG, MAX_CONNECTIONS, FAIR_SHARE,
            REQS_PER_EVENT, TIME_SLICE_MILLIS, SEND_QUEUE_LIMIT, IDLE_TIMEOUT, WRITE_HIGH_WATER, WRITE_LOW_WATER,
            MAX_PENDING_INPUT, MAX_PENDING_OUTPUT, VALUE_BY_REFERENCE_THRESHOLD, IO_YIELD_MICROS, TRANSPORT);

    private NetworkSettings() {
    }
}
