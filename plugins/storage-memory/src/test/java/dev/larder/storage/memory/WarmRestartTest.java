package dev.larder.storage.memory;

import static dev.larder.storage.memory.Keys.buf;
import static dev.larder.storage.memory.Keys.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.spi.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm restart never loses a file, never trips twice on a damaged one, never brings back a crashed run's items. */
class WarmRestartTest {

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();

    private OffHeapItemStore store() {
        return new OffHeapItemStore(16L << 20, new ServerClock(clock));
    }

    private WarmRestart warmRestart(OffHeapItemStore store, Path file) {
        Settings settings = new SettingsResolver(List.copyOf(StorageSettings.ALL))
                .resolve(new Properties(), "-", Map.of("memory_file", file.toString()));
        return new WarmRestart(store, settings);
    }

    @Test
    void aLoadedFileIsKeptAsideUntilTheNextSaveAndACrashedRunsFileIsNotLoadedAgain() throws IOException {
        Path file = dir.resolve("larder.memory");
        OffHeapItemStore first = store();
        first.set(buf("a"), 0, 0, buf("1"));
        warmRestart(first, file).stop();

        OffHeapItemStore second = store();
        warmRestart(second, file).start();
        assertThat(value(second, "a")).isEqualTo("1");
        assertThat(file).doesNotExist();
        assertThat(WarmRestart.loadedFor(file)).exists();

        // The second run crashes (no stop): the third does not bring back what the second may have deleted.
        OffHeapItemStore third = store();
        warmRestart(third, file).start();
        assertThat(value(third, "a")).isNull();
        third.set(buf("b"), 0, 0, buf("2"));
        warmRestart(third, file).stop();
        assertThat(file).exists();
        assertThat(WarmRestart.loadedFor(file)).doesNotExist();
    }

    @Test
    void aDamagedFileIsMovedAsideNotDeletedAndTheServerStartsEmpty() throws IOException {
        Path file = dir.resolve("larder.memory");
        Files.writeString(file, "not a memory file");
        OffHeapItemStore store = store();
        warmRestart(store, file).start();
        assertThat(store.stats().currItems()).isZero();
        assertThat(file).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("larder.memory.damaged-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(aside)).isEqualTo("not a memory file");
        }
        warmRestart(store(), file).start(); // nothing to trip on a second time
    }

    @Test
    void aPartialSaveLeftByAKillIsNeitherLoadedNorInTheWay() throws IOException {
        Path file = dir.resolve("larder.memory");
        Files.writeString(MemoryFile.temporaryFor(file), "half a save");
        OffHeapItemStore store = store();
        warmRestart(store, file).start();
        assertThat(store.stats().currItems()).isZero();
        store.set(buf("c"), 0, 0, buf("3"));
        warmRestart(store, file).stop();
        OffHeapItemStore next = store();
        warmRestart(next, file).start();
        assertThat(value(next, "c")).isEqualTo("3");
        assertThat(MemoryFile.temporaryFor(file)).doesNotExist();
    }
}
