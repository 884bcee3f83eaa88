package dev.larder.protocol.memcached;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the memcached protocols. */
public final class ProtocolSettings {

    public static final Setting<Long> MAX_ITEM_SIZE = Setting.size("max_item_size", 1024L * 1024)
            .description("Largest value accepted, in bytes or with k/m suffix (memcached's -I)")
            .flags("-I", "--max-item-size")
            .range(1024, 128L * 1024 * 1024)
            .build();

    public static final Setting<Boolean> ENABLE_SHUTDOWN = Setting.bool("enable_shutdown", false)
            .description("Allow the shutdown command (memcached's -A)")
            .flags("-A", "--enable-shutdown")
            .build();

    public static final Setting<String> AUTH_FILE = Setting.string("auth_file", "")
            .description("File of user:password lines; when set, clients must authenticate: text clients as"
                    + " memcached's -Y, binary clients with SASL PLAIN (memcached's -Y)")
            .flags("-Y", "--auth-file")
            .paramLabel("FILE")
            .build();

    public static final Setting<Boolean> FLUSH_ENABLED = Setting.bool("flush_enabled", true)
            .description("Whether flush_all is served; -F turns it off (memcached's -F)")
            .negatedFlags("-F", "--disable-flush-all")
            .build();

    public static final Setting<String> BINDING_PROTOCOL = Setting.string("binding_protocol", "auto")
            .description("The protocols served: auto (each connection's first byte decides), ascii or binary"
                    + " (memcached's -B)")
            .flags("-B", "--protocol")
            .paramLabel("auto|ascii|binary")
            .build();

    public static final Setting<String> STAT_KEY_PREFIX = Setting.string("stat_key_prefix", ":")
            .description("The character between a key's prefix and the rest, for stats detail; setting it turns"
                    + " stats detail on (memcached's -D)")
            .flags("-D")
            .paramLabel("CHAR")
            .build();

    public static final Setting<Boolean> DUMP_ENABLED = Setting.bool("dump_enabled", true)
            .description("Whether stats cachedump is served; -X turns it off (memcached's -X)")
            .negatedFlags("-X", "--disable-dumping")
            .build();

    public static final List<Setting<?>> ALL = List.of(MAX_ITEM_SIZE, ENABLE_SHUTDOWN, AUTH_FILE, FLUSH_ENABLED,
            BINDING_PROTOCOL, STAT_KEY_PREFIX, DUMP_ENABLED);

    private ProtocolSettings() {
    }
}
