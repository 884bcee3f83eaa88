package dev.larder.storage.memory;

import dev.larder.spi.Setting;
import java.util.List;

/** The settings of the memory store. */
final class StorageSettings {

    static final Setting<Integer> MEMORY_LIMIT = Setting.integer("memory_limit", 64)
            .description("Megabytes of memory for items, index and overheads included (memcached's -m)")
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

    static final List<Setting<?>> ALL = List.of(MEMORY_LIMIT, MEMORY_FILE);

    private StorageSettings() {
    }
}
