package dev.larder.storage.memory;

import static dev.larder.storage.memory.Keys.buf;
import static dev.larder.storage.memory.Keys.item;
import static dev.larder.storage.memory.Keys.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.spi.store.Item;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryFileTest {

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final OffHeapItemStore before = new OffHeapItemStore(16L << 20, new ServerClock(clock));
    private Path file;

    @BeforeEach
    void fill() throws IOException {
        for (int i = 0; i < 2000; i++) {
            before.set(buf("key" + i), i, i % 3 == 0 ? 0 : 1000 + i, buf("value-" + i));
        }
        before.set(buf("gone"), 0, 5, buf("expires before the save"));
        clock.advanceSeconds(10);
        file = dir.resolve("larder.memory");
        assertThat(MemoryFile.save(before, file)).isEqualTo(2000);
    }

    @Test
    void everyItemComesBackWithItsFlagsCasAndRemainingTtl() throws IOException {
        clock.advanceSeconds(100); // the restart took a while
        OffHeapItemStore after = new OffHeapItemStore(16L << 20, new ServerClock(clock));
        assertThat(MemoryFile.load(after, file)).isEqualTo(2000);
        for (int i = 0; i < 2000; i++) {
            Item original = item(before, "key" + i);
            Item restored = item(after, "key" + i);
            assertThat(value(after, "key" + i)).isEqualTo("value-" + i);
            assertThat(restored.flags()).isEqualTo(i);
            assertThat(restored.cas()).isEqualTo(original.cas());
            // Both stores read the same clock: the absolute expiry, hence the remaining TTL, is kept.
            assertThat(restored.secondsToLive()).isEqualTo(original.secondsToLive());
            if (i % 3 != 0) {
                assertThat(restored.secondsToLive()).isEqualTo(1000 + i - 110);
            }
        }
        assertThat(value(after, "gone")).isNull();
        // New items get CAS uniques above every restored one.
        after.set(buf("new"), 0, 0, buf("v"));
        assertThat(item(after, "new").cas()).isGreaterThan(item(before, "key1999").cas());
    }

    @Test
    void aLargeValueIsReadStraightIntoTheStoresMemoryNotOntoTheHeap() throws IOException {
        int size = 24 * 1024 * 1024;
        OffHeapItemStore large = new OffHeapItemStore(64L << 20, new ServerClock(clock));
        large.set(buf("large"), 7, 0, Keys.bytes(size, 'L'));
        Path saved = dir.resolve("large.memory");
        MemoryFile.save(large, saved);

        OffHeapItemStore after = new OffHeapItemStore(64L << 20, new ServerClock(clock));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        assertThat(MemoryFile.load(after, saved)).isEqualTo(1);
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(allocated).as("heap bytes allocated to load a 24 MB value").isLessThan(2L * 1024 * 1024);
        Item restored = after.get(buf("large"));
        try {
            assertThat(restored.value().readableBytes()).isEqualTo(size);
            assertThat(restored.value().getByte(size - 1)).isEqualTo((byte) 'L');
            assertThat(restored.flags()).isEqualTo(7);
        } finally {
            restored.value().release();
        }
    }

    @Test
    void aLengthBeyondWhatTheFileHoldsIsRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        // The first item: magic (8), version (4), marker (1), key length (1), key "key0" (4), flags (4),
        // expiry (8), CAS (8), then the value's length.
        int lengthAt = 8 + 4 + 1 + 1 + 4 + 4 + 8 + 8;
        java.nio.ByteBuffer.wrap(bytes).putInt(lengthAt, Integer.MAX_VALUE);
        Files.write(file, bytes);
        OffHeapItemStore after = new OffHeapItemStore(16L << 20, new ServerClock(clock));
        assertThatThrownBy(() -> MemoryFile.load(after, file))
                .isInstanceOf(MemoryFile.DamagedFileException.class).hasMessageContaining("more than the file holds");
        assertThat(after.stats().currItems()).isZero();
        assertThat(after.stats().totalMalloced()).as("nothing allocated for it").isLessThan(2L << 20);
    }

    @Test
    void aSavedFileIsForItsOwnerOnly() throws IOException {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(MemoryFile.temporaryFor(file)).doesNotExist();
    }

    @Test
    void aTruncatedFileIsRefusedAndTheStoreStaysEmpty() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        OffHeapItemStore after = new OffHeapItemStore(16L << 20, new ServerClock(clock));
        assertThatThrownBy(() -> MemoryFile.load(after, file))
                .isInstanceOf(MemoryFile.DamagedFileException.class).hasMessageContaining("truncated");
        assertThat(after.stats().currItems()).isZero();
    }

    @Test
    void aCorruptedByteIsCaughtByTheChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        OffHeapItemStore after = new OffHeapItemStore(16L << 20, new ServerClock(clock));
        assertThatThrownBy(() -> MemoryFile.load(after, file)).isInstanceOf(MemoryFile.DamagedFileException.class);
        assertThat(after.stats().currItems()).isZero();
    }

    @Test
    void aFileOfAnotherFormatIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 99; // the format version's last byte
        Files.write(file, bytes);
        assertThatThrownBy(() -> MemoryFile.load(new OffHeapItemStore(16L << 20, new ServerClock(clock)), file))
                .hasMessageContaining("format 99");
        Files.writeString(file, "not a memory file at all");
        assertThatThrownBy(() -> MemoryFile.load(new OffHeapItemStore(16L << 20, new ServerClock(clock)), file))
                .hasMessageContaining("not a Larder memory file");
    }
}
