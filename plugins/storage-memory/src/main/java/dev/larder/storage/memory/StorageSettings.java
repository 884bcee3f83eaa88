package dev.larder.storage.memory;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the memory store. */
final class StorageSettings {

    static final Setting<Integer> MEMORY_LIMIT = Setting.integer("memory_limit", 64)
            .description("Megabytes of memory for items, overheads included (memcached's -m)")
            .flags("-m", "--memory-limit")
            .paramLabel("MEGABYTES")
            .range(1, 1024 * 1024)
            .build();

    static final List<Setting<?>> ALL = List.of(MEMORY_LIMIT);

    private StorageSettings() {
    }
}
