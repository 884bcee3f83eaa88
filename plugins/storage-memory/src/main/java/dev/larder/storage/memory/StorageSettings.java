package dev.larder.storage.memory;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the memory store. */
final class StorageSettings {

    static final Setting<Integer> MEMORY_LIMIT = Setting.integer("memory_limit", 64)
            .description("Megabytes of memory for items, their headers included; the key index is apart, as"
                    + " memcached's hash table (memcached's -m)")
            .flags("-m", "--memory-limit")
            .paramLabel("MEGABYTES")
            .range(2, 8000)
            .build();

    static final Setting<String> MEMORY_FILE = Setting.string("memory_file", "")
            .description("File the items are saved to on a graceful stop and loaded from on start;"
                    + " empty for none (memcached's -e)")
            .flags("-e", "--memory-file")
            .paramLabel("FILE")
            .build();

    static final Setting<Boolean> EVICTIONS = Setting.bool("evictions", true)
            .description("Whether old items make room for new ones when memory is full; -M refuses the new item"
                    + " with SERVER_ERROR out of memory storing object instead (memcached's -M)")
            .negatedFlags("-M", "--disable-evictions")
            .build();

    static final Setting<Boolean> CAS_ENABLED = Setting.bool("cas_enabled", true)
            .description("Whether items carry CAS uniques; -C stores none, so every gets shows 0"
                    + " (memcached's -C)")
            .negatedFlags("-C", "--disable-cas")
            .build();

    static final List<Setting<?>> ALL = List.of(MEMORY_LIMIT, MEMORY_FILE, EVICTIONS, CAS_ENABLED);

    private StorageSettings() {
    }
}
