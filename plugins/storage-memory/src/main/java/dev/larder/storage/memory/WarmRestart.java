package dev.larder.storage.memory;

import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code memory_file} set: loads the items saved by the last graceful stop
 * before anything else starts, and saves them again when the server stops (after
 * the network, so no request changes them meanwhile). A file that cannot be used
 * is refused with a message and the server starts empty.
 */
final class WarmRestart implements Service {

    private static final Logger log = LoggerFactory.getLogger(WarmRestart.class);

    private final OffHeapItemStore store;
    private final String file;

    @Inject
    WarmRestart(OffHeapItemStore store, Settings settings) {
        this.store = store;
        this.file = settings.get(StorageSettings.MEMORY_FILE);
    }

    @Override
    public Slot phase() {
        return Slot.STORAGE;
    }

    @Override
    public void start() {
        if (file.isEmpty() || !Files.exists(Path.of(file))) {
            return;
        }
        Path path = Path.of(file);
        try {
            long restored = MemoryFile.load(store, path);
            log.info("Restored {} items from {}", restored, path);
        } catch (MemoryFile.DamagedFileException e) {
            log.error("Refusing the memory file {}: {}; starting empty", path, e.getMessage());
        } catch (IOException e) {
            log.error("Cannot read the memory file {}: {}; starting empty", path, e.toString());
            store.clear();
        }
        try {
            // Loaded once: a later crash must not bring back what this run changes.
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot remove the loaded memory file {}: {}", path, e.toString());
        }
    }

    @Override
    public void stop() {
        if (file.isEmpty()) {
            return;
        }
        Path path = Path.of(file);
        try {
            long saved = MemoryFile.save(store, path);
            log.info("Saved {} items to {}", saved, path);
        } catch (IOException e) {
            log.error("Cannot save the items to {}: {}", path, e.toString());
        }
    }
}
