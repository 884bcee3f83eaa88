package dev.larder.storage.memory;

import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code memory_file} set: loads the items saved by the last graceful stop
 * before anything else starts, and saves them again when the server stops (after
 * the network, so no request changes them meanwhile).
 *
 * <p>Nothing is ever lost or looped over: a loaded file is renamed
 * {@code <file>.loaded} (so a crash later does not bring back what this run has
 * changed since, yet the file is still there to recover by hand), and a new one
 * is written only by a save that completes. A file that cannot be loaded is moved
 * aside as {@code <file>.damaged-<time>} with the reason in the log, so the next
 * start does not trip on it again. A stop that comes while the file is loading
 * waits for the load, then saves (the kernel's lifecycle sees to it).
 */
final class WarmRestart implements Service {

    private static final Logger log = LoggerFactory.getLogger(WarmRestart.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

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

    static Path loadedFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".loaded");
    }

    @Override
    public void start() {
        if (file.isEmpty()) {
            return;
        }
        Path path = Path.of(file);
        Path partial = MemoryFile.temporaryFor(path);
        if (Files.exists(partial)) {
            log.warn("{} is left from a save that did not finish (the server was killed while saving); it is not"
                    + " loaded and the next save replaces it", partial);
        }
        if (!Files.exists(path)) {
            if (Files.exists(loadedFor(path))) {
                log.warn("{} was loaded by a run that did not stop gracefully; it is not loaded again, since that"
                        + " run may have changed or deleted its items since", loadedFor(path));
            }
            return;
        }
        try {
            long restored = MemoryFile.load(store, path);
            Files.move(path, loadedFor(path), StandardCopyOption.REPLACE_EXISTING);
            log.info("Restored {} items from {}", restored, path);
        } catch (IOException e) {
            store.clear();
            moveAside(path, e);
        }
    }

    private static void moveAside(Path path, IOException why) {
        String reason = why instanceof MemoryFile.DamagedFileException ? why.getMessage() : why.toString();
        Path aside = path.resolveSibling(path.getFileName() + ".damaged-" + LocalDateTime.now().format(STAMP));
        try {
            Files.move(path, aside);
            log.error("Cannot load the memory file {}: {}. It was moved to {}; starting empty", path, reason, aside);
        } catch (IOException e) {
            log.error("Cannot load the memory file {}: {}, nor move it aside ({}); starting empty", path, reason,
                    e.toString());
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
            Files.deleteIfExists(loadedFor(path));
            log.info("Saved {} items to {}", saved, path);
        } catch (IOException e) {
            log.error("Cannot save the items to {}: {}", path, e.toString());
        }
    }
}
