package dev.larder.storage.memory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The store's items in a file, so that a planned restart loses nothing. Layout:
 * a magic and format version, then per item a marker, key, flags, absolute
 * expiry, CAS and value, then an end marker, the item count and a CRC-32 of all
 * that came before. Written to a temporary file, readable by its owner only,
 * and moved into place once whole.
 *
 * <p>Loading trusts nothing in the file: every length is checked against what
 * can be and against what is left of the file before anything is allocated,
 * and values are read straight into the store's own memory, never onto the heap.
 */
final class MemoryFile {

    private static final byte[] MAGIC = "LARDERMF".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final int ITEM = 1;
    private static final int END = 0;
    private static final int MAX_KEY_LENGTH = 250;
    private static final int COPY_CHUNK = 64 * 1024;

    private MemoryFile() {
    }

    /** Where a save is written before it is moved into place. */
    static Path temporaryFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Writes every live item; returns how many. The file is replaced only once the save is whole. */
    static long save(OffHeapItemStore store, Path file) throws IOException {
        Path temporary = temporaryFor(file);
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        CRC32 crc = new CRC32();
        long[] count = {0};
        try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16), crc))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            store.snapshot().forEachLive((key, flags, unixExpiry, cas, value) -> {
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
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
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
        long size = Files.size(file);
        try (Counting counted = new Counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             DataInputStream in = new DataInputStream(new CheckedInputStream(counted, crc))) {
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
                items++;
                int keyLength = in.readUnsignedByte();
                if (keyLength == 0 || keyLength > MAX_KEY_LENGTH) {
                    throw new DamagedFileException("item " + items + " has a key of " + keyLength + " bytes");
                }
                ByteBuf key = Unpooled.wrappedBuffer(in.readNBytes(keyLength));
                int flags = in.readInt();
                long unixExpiry = in.readLong();
                long cas = in.readLong();
                int length = in.readInt();
                if (length < 0 || length > size - counted.position()) {
                    throw new DamagedFileException("item " + items + " says its value is " + length
                            + " bytes, more than the file holds");
                }
                if (key.readableBytes() != keyLength) {
                    throw new EOFException();
                }
                if (store.snapshot().restore(key, flags, unixExpiry, cas, length, new StreamedValue(in, length))) {
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

    /** A value in the file, read in chunks into the store's memory or skipped. */
    private static final class StreamedValue implements ItemSnapshot.ValueSource {
        private final DataInputStream in;
        private final int length;

        StreamedValue(DataInputStream in, int length) {
            this.in = in;
            this.length = length;
        }

        @Override
        public void readInto(ByteBuf page, int index) throws IOException {
            byte[] chunk = new byte[Math.min(length, COPY_CHUNK)];
            for (int done = 0; done < length; ) {
                int n = in.read(chunk, 0, Math.min(chunk.length, length - done));
                if (n < 0) {
                    throw new EOFException();
                }
                page.setBytes(index + done, chunk, 0, n);
                done += n;
            }
        }

        @Override
        public void skip() throws IOException {
            in.skipNBytes(length);
        }
    }

    /** Counts the bytes read, so that a length can be checked against what is left of the file. */
    private static final class Counting extends FilterInputStream {
        private long position;

        Counting(InputStream in) {
            super(in);
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            position += skipped;
            return skipped;
        }
    }

    /** The file cannot be used; the message says why, for the operator. */
    static final class DamagedFileException extends IOException {
        DamagedFileException(String reason) {
            super(reason);
        }
    }
}
