package dev.larder.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    @Test
    void matchesThePublishedMurmur3Value() {
        byte[] text = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

        assertThat(KeyHash.of(Unpooled.wrappedBuffer(text), 0, text.length)).isEqualTo(0x2fa826cd);
    }

    @Test
    void matchesBlockAtATimeMurmur3ForEveryLengthAndOffset() {
        Random random = new Random(42);
        for (int length = 0; length <= 250; length++) {
            byte[] key = new byte[length + 3];
            random.nextBytes(key);
            ByteBuf direct = Unpooled.directBuffer(key.length).writeBytes(key);
            try {
                for (int offset = 0; offset <= 3; offset += 3) {
                    assertThat(KeyHash.of(direct, offset, length))
                            .as("length %d at %d", length, offset)
                            .isEqualTo(reference(key, offset, length));
                }
            } finally {
                direct.release();
            }
        }
    }

    /** MurmurHash3 x86 32-bit with the store's seed, one 4-byte block at a time as published. */
    private static int reference(byte[] data, int from, int length) {
        int h = 0x9747b28c;
        int blocks = length / 4;
        for (int b = 0; b < blocks; b++) {
            int at = from + b * 4;
            int k = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | data[at + 3] << 24;
            h ^= Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int k = 0;
        for (int at = from + blocks * 4, shift = 0; at < from + length; at++, shift += 8) {
            k |= (data[at] & 0xff) << shift;
        }
        h ^= Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
