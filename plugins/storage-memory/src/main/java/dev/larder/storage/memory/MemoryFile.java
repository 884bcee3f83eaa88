package dev.larder.storage.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The store's items in a file, so that a planned restart loses nothing. Layout:
 * a magic and format version, then per item a marker, key, flags, absolute
 * expiry, CAS and value, then an end marker, the item count and a CRC-32 of all
 * that came before. Written to a temporary file and moved into place.
 */
final class MemoryFile {

    private static final byte[] MAGIC = "LARDERMF".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final int ITEM = 1;
    private static final int END = 0;

    private MemoryFile() {
    }

    /** Writes every live item; returns how many. */
    static long save(OffHeapItemStore store, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        long[] count = {0};
        try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16), crc))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            store.forEachLive((key, flags, unixExpiry, cas, value) -> {
                out.writeByte(ITEM);
                out.writeByte(key.readableBytes());
                key.getBytes(key.readerIndex(), out, key.readableBytes());
                out.writeInt(flags);
                out.writeLong(unixExpiry);
                out.writeLong(cas);
                out.writeInt(value.readableBytes());
                value.getBytes(value.readerIndex(), out, value.readableBytes());
                count[0]++;
            });
            out.writeByte(END);
            out.writeLong(count[0]);
            out.flush();
            out.writeLong(crc.getValue());
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return count[0];
    }

    /**
     * Loads the items of a file into an empty store; returns how many were live.
     *
     * @throws DamagedFileException when the file is not a whole memory file of this version;
     *                              the store is left empty
     */
    static long load(OffHeapItemStore store, Path file) throws IOException {
        CRC32 crc = new CRC32();
        long restored = 0;
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DamagedFileException("it is not a Larder memory file");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new DamagedFileException("it was written in format " + version + ", this server reads format "
                        + FORMAT_VERSION);
            }
            long items = 0;
            int marker;
            while ((marker = in.readUnsignedByte()) == ITEM) {
                ByteBuf key = Unpooled.wrappedBuffer(in.readNBytes(in.readUnsignedByte()));
                int flags = in.readInt();
                long unixExpiry = in.readLong();
                long cas = in.readLong();
                int length = in.readInt();
                if (length < 0 || key.readableBytes() == 0) {
                    throw new DamagedFileException("item " + (items + 1) + " is malformed");
                }
                ByteBuf value = Unpooled.wrappedBuffer(in.readNBytes(length));
                if (value.readableBytes() != length) {
                    throw new EOFException();
                }
                items++;
                if (store.restore(key, flags, unixExpiry, cas, value)) {
                    restored++;
                }
            }
            if (marker != END || in.readLong() != items) {
                throw new DamagedFileException("its item count does not match");
            }
            long expected = crc.getValue();
            if (in.readLong() != expected) {
                throw new DamagedFileException("its checksum does not match");
            }
        } catch (EOFException e) {
            store.clear();
            throw new DamagedFileException("it ends too early (truncated)");
        } catch (DamagedFileException e) {
            store.clear();
            throw e;
        }
        return restored;
    }

    /** The file cannot be used; the message says why, for the operator. */
    static final class DamagedFileException extends IOException {
        DamagedFileException(String reason) {
            super(reason);
        }
    }
}
